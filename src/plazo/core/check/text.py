"""Input preparation: validation, HTML stripping with an offset map, and accent folding."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from plazo.core.check.model import CheckError

__all__ = ["MAX_BYTES", "Prepared", "fold", "prepare"]

MAX_BYTES = 1_000_000

_TAG = re.compile(
    r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>|</?[a-zA-Z][^<>]*>|&#?[a-zA-Z0-9]{1,10};",
    re.DOTALL | re.IGNORECASE,
)
_LOOKS_HTML = re.compile(
    r"</?(?:p|br|div|span|html|body|b|i|strong|em|ul|li|a|td|h[1-6])\b[^<>]*>", re.I
)
_THREE_LETTERS = re.compile(r"[^\W\d_](?:.*?[^\W\d_]){2}", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BLOCK = re.compile(r"</?(?:p|br|div|li|ul|ol|tr|h[1-6]|table|blockquote)\b", re.I)


@dataclass(frozen=True)
class Prepared:
    """The visible text to match on, and where each of its characters sits in the input."""

    visible: str
    folded: str
    offsets: tuple[int, ...] | None  # None: visible is the input itself

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Map a visible [start, end) range to offsets into the input."""
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    # Lowercase and drop accents one character for one, so offsets never move.
    table: dict[int, str] = {}
    for code in range(0x41, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char.lower())[:1]
        if base != char and len(char.lower()) == 1:
            table[code] = base
    for quote in "\u2018\u2019\u02bc\u00b4`":
        table[ord(quote)] = "'"
    table[0xA0] = " "
    return table


def fold(text: str) -> str:
    """Lowercase, accent-free, same length as ``text``."""
    return text.translate(_fold_table())


def _strip_html(source: str) -> tuple[str, tuple[int, ...]]:
    pieces: list[str] = []
    offsets: list[int] = []
    cursor = 0
    for match in _TAG.finditer(source):
        pieces.append(source[cursor : match.start()])
        offsets.extend(range(cursor, match.start()))
        token = match.group(0)
        if token.startswith("&"):
            char = html.unescape(token)
            replacement = char if len(char) == 1 else " "
        else:
            replacement = "\n" if _BLOCK.match(token) else " "
        pieces.append(replacement)
        offsets.append(match.start())
        cursor = match.end()
    pieces.append(source[cursor:])
    offsets.extend(range(cursor, len(source)))
    return "".join(pieces), tuple(offsets)


def prepare(data: str | bytes) -> Prepared:
    """Validate the input and return the text to match on; raise CheckError if unusable."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise CheckError(f"the message is larger than {MAX_BYTES:,} bytes; check one message")
        if b"\x00" in data:
            raise CheckError("the input is binary, not text; give a UTF-8 text or HTML message")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CheckError(
                f"the input is not valid UTF-8 (byte {error.start}); save it as UTF-8"
            ) from None
    if len(data) > MAX_BYTES or len(data.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise CheckError(f"the message is larger than {MAX_BYTES:,} bytes; check one message")
    controls = len(_CONTROL.findall(data))
    if "\x00" in data or controls > max(8, len(data) // 50):
        raise CheckError("the input is binary, not text; give a UTF-8 text or HTML message")
    offsets: tuple[int, ...] | None = None
    visible = data
    if _LOOKS_HTML.search(data):
        visible, offsets = _strip_html(data)
    if _THREE_LETTERS.search(visible) is None:
        raise CheckError("the message is empty: there is no text to check", "empty")
    return Prepared(visible=visible, folded=fold(visible), offsets=offsets)
