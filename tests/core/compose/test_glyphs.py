"""The chart's font keeps what it rendered: the same masks as a plain font, in bounded memory."""

from __future__ import annotations

from PIL import ImageFont

from plazo.core.compose import chart
from plazo.core.compose.glyphs import KeepingFont


def _path() -> str:
    font = chart._font(22)
    assert isinstance(font, ImageFont.FreeTypeFont)
    return str(font.path)


def test_a_kept_mask_is_the_one_a_plain_font_renders() -> None:
    kept, plain = KeepingFont(_path(), 22), ImageFont.truetype(_path(), 22)
    for _ in range(2):  # rendered, then recalled
        for start in ((0.0, 0.0), (0.25, 0.5)):
            mask, offset = kept.getmask2("Fecha prometida · 15 dic", "1", anchor="la", start=start)
            expected, expected_offset = plain.getmask2(
                "Fecha prometida · 15 dic", "1", anchor="la", start=start
            )
            assert offset == expected_offset
            assert bytes(mask) == bytes(expected)
    assert kept.getlength("20 h", "1") == plain.getlength("20 h", "1")


def test_the_font_keeps_at_most_a_bounded_number_of_texts() -> None:
    font = KeepingFont(_path(), 10)
    for n in range(3000):
        font.getmask2(f"{n} h", "1")
        font.getlength(f"{n} h", "1")
    assert 0 < len(font._masks) <= 1024
    assert 0 < len(font._lengths) <= 1024
    assert (f"{2999} h", "1") in {key[:2] for key in font._masks}  # the newest stays
