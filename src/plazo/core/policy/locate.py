"""Find the line and column where a key of a TOML document is written.

``tomllib`` forgets positions once a document parses, so semantic errors ("unknown key",
"negative cap") need this scan to point at a line. It understands the TOML a person writes by hand:
``[table]`` and ``[[array.of.tables]]`` headers, ``dotted.keys = ...`` and multi-line strings.
Keys inside inline tables resolve to the line of the key that holds the inline table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["KeyLocator", "Path"]

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^(\s*)(\[\[?)\s*([^\]]+?)\s*(\]\]?)")
_KEY = re.compile(
    r"""^(\s*)((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_PART = re.compile(r"""[A-Za-z0-9_-]+|"([^"]*)"|'([^']*)'""")


def _split_key(dotted: str) -> list[str]:
    parts = []
    for match in _PART.finditer(dotted):
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        parts.append(quoted if quoted is not None else match.group(0))
    return parts


class KeyLocator:
    """Maps key paths (``("rules", 0, "when", "cause")``) to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._positions: dict[Path, tuple[int, int]] = {}
        self._scan(text.splitlines())

    def _scan(self, lines: Sequence[str]) -> None:
        # Array-of-tables indices are counted per parent path, so [[rules.offers]] restarts at 0
        # under every [[rules]].
        counts: dict[Path, int] = {}
        table: Path = ()
        in_multiline: str | None = None
        for number, line in enumerate(lines, start=1):
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER.match(line)
            if header is not None:
                table = self._enter_table(header, counts, number)
                continue
            key = _KEY.match(line)
            if key is None:
                continue
            column = len(key.group(1)) + 1
            path = table + tuple(_split_key(key.group(2)))
            self._positions.setdefault(path, (number, column))
            rest = line[key.end() :]
            for quotes in ('"""', "'''"):
                if rest.count(quotes) % 2 == 1:
                    in_multiline = quotes

    def _enter_table(self, header: re.Match[str], counts: dict[Path, int], number: int) -> Path:
        names = _split_key(header.group(3))
        column = len(header.group(1)) + 1
        # Resolve every prefix through the latest element of any array of tables it names.
        resolved: Path = ()
        for name in names[:-1]:
            resolved += (name,)
            if resolved in counts:
                resolved += (counts[resolved] - 1,)
        resolved += (names[-1],)
        if header.group(2) == "[[":
            index = counts.get(resolved, 0)
            counts[resolved] = index + 1
            self._positions.setdefault(resolved, (number, column))
            resolved += (index,)
        self._positions.setdefault(resolved, (number, column))
        return resolved

    def find(self, path: Path) -> tuple[int, int]:
        """The position of ``path``, or of its nearest written ancestor, or (1, 1)."""
        for end in range(len(path), 0, -1):
            position = self._positions.get(path[:end])
            if position is not None:
                return position
        return (1, 1)
