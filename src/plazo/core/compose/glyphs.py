"""A TrueType font that keeps what it rendered: the chart's texts recur from one chart to the next.

Drawing a text is mostly FreeType laying out and rendering its glyphs. A batch of weekly updates
draws the same legend, axis units and dates chart after chart, so the font keeps each rendered
mask (and measured length) under every argument that shapes it, the sub-pixel start included:
a kept mask is the one the same call would render again, so the PNG is the same byte for byte.
Pillow's ``ImageDraw.text`` and ``textlength`` call these methods as they would on any font.
"""

from __future__ import annotations

from typing import Any, TypeVar

from PIL import ImageFont

__all__ = ["KeepingFont"]

_Mask = Any  # Pillow's ImagingCore, which has no type stubs
_V = TypeVar("_V")
_KEPT = 1024  # per font (a few MB); a chart draws about fifteen texts, most of them seen before


class KeepingFont(ImageFont.FreeTypeFont):
    """``FreeTypeFont`` whose ``getmask2`` and ``getlength`` results are kept (at most 1,024
    of each; when full, the half used longest ago is forgotten).

    Safe to share between threads: each step on the dictionaries is one atomic operation, and
    two threads rendering the same text at once both get a correct mask.
    """

    def __init__(self, path: str, size: int) -> None:
        super().__init__(path, size)
        self._masks: dict[tuple[Any, ...], tuple[_Mask, tuple[int, int]]] = {}
        self._lengths: dict[tuple[Any, ...], float] = {}

    def getmask2(
        self,
        text: str | bytes,
        mode: str = "",
        direction: str | None = None,
        features: list[str] | None = None,
        language: str | None = None,
        stroke_width: float = 0,
        anchor: str | None = None,
        ink: int = 0,
        start: tuple[float, float] | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[_Mask, tuple[int, int]]:
        # An RGBA mask (colour fonts) is changed by its caller afterwards: never kept.
        keep = mode != "RGBA" and not args
        key = (
            text,
            mode,
            direction,
            None if features is None else tuple(features),
            language,
            stroke_width,
            anchor,
            ink,
            None if start is None else tuple(start),
            tuple(sorted(kwargs.items())),
        )
        if keep:
            found = _recall(self._masks, key)
            if found is not None:
                return found
        rendered = super().getmask2(
            text, mode, direction, features, language, stroke_width, anchor, ink, start,
            *args, **kwargs,
        )  # fmt: skip
        if keep:
            _store(self._masks, key, rendered)
        return rendered

    def getlength(
        self,
        text: str | bytes,
        mode: str = "",
        direction: str | None = None,
        features: list[str] | None = None,
        language: str | None = None,
    ) -> float:
        key = (text, mode, direction, None if features is None else tuple(features), language)
        length = _recall(self._lengths, key)
        if length is not None:
            return length
        length = super().getlength(text, mode, direction, features, language)
        _store(self._lengths, key, length)
        return length


def _recall(kept: dict[tuple[Any, ...], _V], key: tuple[Any, ...]) -> _V | None:
    """The kept value (None if none: no kept value is None), moved to the newest end so that
    what recurs is what stays."""
    value = kept.pop(key, None)
    if value is not None:
        kept[key] = value
    return value


def _store(kept: dict[tuple[Any, ...], _V], key: tuple[Any, ...], value: _V) -> None:
    if len(kept) >= _KEPT:
        for old in list(kept)[: _KEPT // 2]:  # in order of last use: the stalest first
            kept.pop(old, None)
    kept[key] = value
