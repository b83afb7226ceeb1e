"""Find the line and column where a key of a TOML document is written.

``tomllib`` forgets positions once a document parses, so semantic errors ("unknown key",
"negative cap") need this scan to point at a line. It walks a document ``tomllib`` already
accepted: ``[table]`` and ``[[array.of.tables]]`` headers, ``dotted.keys = ...``, arrays (their
elements are indexed) and inline tables (their keys are recorded), strings of every kind.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["KeyLocator", "Path"]

Path = tuple[str | int, ...]

_BARE_OR_QUOTED = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEY = re.compile(rf"{_BARE_OR_QUOTED}(?:[ \t]*\.[ \t]*{_BARE_OR_QUOTED})*")
_HEADER = re.compile(r"(\[\[?)[ \t]*([^\]\n]+?)[ \t]*\]")
_PART = re.compile(r"""[A-Za-z0-9_-]+|"((?:[^"\\]|\\.)*)"|'([^']*)'""")
_SCALAR_END = re.compile(r"[,\]}\n#]")


def _split_key(dotted: str) -> tuple[str, ...]:
    parts: list[str] = []
    for match in _PART.finditer(dotted):
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        parts.append(quoted if quoted is not None else match.group(0))
    return tuple(parts)


class KeyLocator:
    """Maps key paths (``("rules", 0, "when", "cause")``) to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts = [0, *(i + 1 for i, char in enumerate(text) if char == "\n")]
        self._positions: dict[Path, tuple[int, int]] = {}
        # Array-of-tables indices are counted per parent path, so [[rules.offers]] restarts at 0
        # under every [[rules]].
        self._counts: dict[Path, int] = {}
        self._scan()

    def find(self, path: Path) -> tuple[int, int]:
        """The position of ``path``, or of its nearest written ancestor, or (1, 1)."""
        for end in range(len(path), 0, -1):
            position = self._positions.get(path[:end])
            if position is not None:
                return position
        return (1, 1)

    def _record(self, path: Path, index: int) -> None:
        line = bisect.bisect_right(self._line_starts, index)
        self._positions.setdefault(path, (line, index - self._line_starts[line - 1] + 1))

    def _skip(self, index: int, *, newlines: bool) -> int:
        """Skip blanks and comments (and line breaks, inside arrays and inline tables)."""
        text = self._text
        while index < len(text):
            char = text[index]
            if char in " \t\r" or (newlines and char == "\n"):
                index += 1
            elif char == "#":
                end = text.find("\n", index)
                index = len(text) if end < 0 else end
            else:
                break
        return index

    def _scan(self) -> None:
        text, index = self._text, 0
        table_path: Path = ()
        while index < len(text):
            index = self._skip(index, newlines=True)
            if index >= len(text):
                break
            header = _HEADER.match(text, index)
            if header is not None:
                table_path = self._enter_table(header, index)
                index = header.end()
                continue
            key = _KEY.match(text, index)
            if key is None:  # not expected in a document tomllib accepted; move on
                index += 1
                continue
            path = table_path + _split_key(key.group(0))
            self._record(path, index)
            equals = text.index("=", key.end())
            index = self._value(path, self._skip(equals + 1, newlines=False))

    def _enter_table(self, header: re.Match[str], index: int) -> Path:
        names = _split_key(header.group(2))
        # Resolve every prefix through the latest element of any array of tables it names.
        resolved: Path = ()
        for name in names[:-1]:
            resolved += (name,)
            if resolved in self._counts:
                resolved += (self._counts[resolved] - 1,)
        resolved += (names[-1],)
        self._record(resolved, index)
        if header.group(1) == "[[":
            position = self._counts.get(resolved, 0)
            self._counts[resolved] = position + 1
            resolved += (position,)
            self._record(resolved, index)
        return resolved

    def _value(self, path: Path, index: int) -> int:
        """Record what the value at ``index`` holds; return the index just past it."""
        text = self._text
        char = text[index] if index < len(text) else ""
        if char == "[":
            return self._array(path, index + 1)
        if char == "{":
            return self._inline_table(path, index + 1)
        for quotes in ('"""', "'''"):
            if text.startswith(quotes, index):
                return self._string_end(index + 3, quotes)
        if char in "\"'":
            return self._string_end(index + 1, char)
        end = _SCALAR_END.search(text, index)
        return len(text) if end is None else end.start()

    def _array(self, path: Path, index: int) -> int:
        position = 0
        while True:
            index = self._skip(index, newlines=True)
            if index >= len(self._text) or self._text[index] == "]":
                return index + 1
            if self._text[index] == ",":
                position += 1
                index += 1
                continue
            self._record((*path, position), index)
            index = self._value((*path, position), index)

    def _inline_table(self, path: Path, index: int) -> int:
        while True:
            index = self._skip(index, newlines=True)
            if index >= len(self._text) or self._text[index] == "}":
                return index + 1
            if self._text[index] == ",":
                index += 1
                continue
            key = _KEY.match(self._text, index)
            if key is None:
                return index + 1
            inner = (*path, *_split_key(key.group(0)))
            self._record(inner, index)
            equals = self._text.index("=", key.end())
            index = self._value(inner, self._skip(equals + 1, newlines=True))

    def _string_end(self, index: int, quote: str) -> int:
        text = self._text
        while index < len(text):
            if text[index] == "\\" and quote[0] == '"':
                index += 2
            elif text.startswith(quote, index):
                return index + len(quote)
            else:
                index += 1
        return index
