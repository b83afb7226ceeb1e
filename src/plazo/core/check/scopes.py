"""Sentences, clauses and quotations: the scopes that decide whether a match counts."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["Scopes"]

# A sentence ends at terminal punctuation followed by space, or at a line break.
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"')\u201d\u00bb]*(?=\s)|\n")
# ... but not at the period of a title before a name ("Estimado Sr. López", "Mrs. Patel"), nor
# of an abbreviation that the next word shows to be inside the sentence ("at 9 a.m. tomorrow",
# "a las 10 p. m. del lunes", "e.g. the tiles": a lower-case word or a number follows).
_TITLE = re.compile(
    r"(?<![\w.])(?:mr|mrs|ms|dr|dra|sr|sra|srta|sres|srs|ud|uds|prof|lic|ing|arq)\.$", re.IGNORECASE
)
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:[ap]\. ?m|e\.g|i\.e|approx|aprox|vs|ee\. ?uu|p\. ej)\.$", re.IGNORECASE
)
_INSIDE_NEXT = re.compile(r"\s*[a-z0-9\u00e0-\u00ff]")
_HALF = re.compile(r"(?<![\w.])(?:[ap]|p\. ?ej|ee)\.$", re.IGNORECASE)  # "p." of "p. m."
_SECOND_HALF = re.compile(r" ?(?:m|ej|uu)\.", re.IGNORECASE)
# Clause marks: negation and hypotheticals rarely cross them.
_CLAUSE_MARK = re.compile(r"[,;:()\u2014\u2013]| - ")
_QUOTED = re.compile(
    r"\u201c[^\u201d\n]{1,300}\u201d|\u00ab[^\u00bb\n]{1,300}\u00bb"
    r"|\"[^\"\n]{1,300}\"|\u2018[^\u2019\n]{1,300}\u2019(?!\w)"
    r"|(?<!\w)'[^'\n]{1,80}'(?!\w)"
)
_NEGATION_WINDOW = 45


@dataclass(frozen=True)
class Scopes:
    """Where sentences, clauses and quotations start and end in one text."""

    text: str
    sentence_starts: tuple[int, ...]
    sentence_ends: tuple[int, ...]
    quotes: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, visible: str) -> Scopes:
        """Split ``visible`` (the same length as its folded form) into scopes."""
        starts = [0]
        ends = []
        for match in _SENTENCE_END.finditer(visible):
            if _abbreviated(visible, match.start(), match.end()):
                continue
            ends.append(match.end())
            starts.append(match.end())
        ends.append(len(visible))
        quotes = tuple((m.start(), m.end()) for m in _QUOTED.finditer(visible))
        return cls(visible, tuple(starts), tuple(ends), quotes)

    def sentence(self, position: int) -> tuple[int, int]:
        """The [start, end) of the sentence holding ``position``."""
        index = max(0, bisect_right(self.sentence_starts, position) - 1)
        return self.sentence_starts[index], self.sentence_ends[index]

    def clause_start(self, folded: str, position: int) -> int:
        """Where the clause holding ``position`` begins."""
        start, _ = self.sentence(position)
        last = start
        for match in _CLAUSE_MARK.finditer(folded, start, position):
            last = match.end()
        return last

    def in_quote(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside a quotation."""
        return any(q_start < start and end <= q_end for q_start, q_end in self.quotes)

    def negated(self, folded: str, start: int, cue: re.Pattern[str]) -> bool:
        """True when a negation cue sits just before ``start`` in the same clause."""
        left = max(self.clause_start(folded, start), start - _NEGATION_WINDOW)
        return cue.search(folded, left, start) is not None

    def hypothetical(self, folded: str, start: int, cue: re.Pattern[str]) -> bool:
        """True when the sentence holding ``start`` is a condition before it."""
        left, _ = self.sentence(start)
        return cue.search(folded, left, start) is not None


def _abbreviated(text: str, start: int, end: int) -> bool:
    """True when the period at [start, end) closes a title or an abbreviation inside a sentence."""
    if text[start:end] != ".":
        return False
    before = text[max(0, start - 8) : end]
    if _TITLE.search(before):
        return True
    if _HALF.search(before) and _SECOND_HALF.match(text, end):
        return True
    return bool(_ABBREVIATION.search(before)) and bool(_INSIDE_NEXT.match(text, end))
