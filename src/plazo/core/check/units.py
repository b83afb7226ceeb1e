"""The units the sentence classifiers score besides the sentences: clauses, and a lone sentence.

**Clauses.** "Lo recibirá el día 12 y no le cobraremos el montaje." carries a new date and
compensation; as one sentence each element is diluted by the other's words (P(new_date) 0.14,
against 0.92 for "Lo recibirá el día 12." alone). A sentence is split at a coordinating conjunction
(``and``, ``but``, ``y``, ``e``, ``pero``, with or without a comma before it) or a semicolon when
both sides have at least ``MIN_WORDS`` words; each clause is scored like a sentence (its own lexical
features and rule signals, the position signals of its sentence), gated by its own signals, and the
sentence's probability of each label is the highest of its own and its clauses' (:func:`merge`). The
sentence classifiers are trained on sentences only: a clause inherits no label, because the corpus
labels sentences, not the clause that carries each element.

**A lone sentence.** In a message of one sentence the first-, last- and position signals all
fire together, a combination the training messages (whole notices) rarely show; :func:`alone`
gives such a message's units the ``!only`` signal instead of ``!first`` and ``!last``.

**Neighbours.** An element is often spread over two sentences ("The press jammed on Monday. We've
replaced the roller and now check it before every run."); :func:`neighbours` gives each unit the
rule matches of the sentence before (``!prev:``) and after (``!next:``) its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from plazo.core.check.features import Segment

__all__ = [
    "MIN_WORDS",
    "POSITION",
    "alone",
    "clause_segments",
    "clause_signals",
    "merge",
    "neighbours",
]

MIN_WORDS = 3
POSITION = frozenset({"!first", "!last", "!only", "!pos0", "!pos1", "!pos2"})
# on folded text: a semicolon, or a conjunction between spaces (a comma may come before it)
_JOINT = re.compile(r"\s*;\s*|,?\s+(?:and|but|y|e|pero)\s+")
_WORD = re.compile(r"[a-z\u00f10-9]+")

Floats = npt.NDArray[np.float64]


def _trimmed(folded: str, start: int, end: int) -> Segment:
    while start < end and not folded[start].isalnum():
        start += 1
    while end > start and folded[end - 1] in " \t\n,;:":
        end -= 1
    return Segment(start, end)


def clause_segments(
    folded: str, segments: Sequence[Segment], min_words: int = MIN_WORDS
) -> tuple[list[int], list[Segment]]:
    """The clauses of the sentences that have two or more: each clause's sentence (index into
    ``segments``) and its span, in text order. A joint splits a sentence when the words since
    the last split and the words after it, to the sentence's end, both reach ``min_words``.

    Words are counted from the sentence's word starts, found once: no word crosses a joint's
    edges (a joint starts at a space, a comma or a semicolon and ends after a space or a
    semicolon), so the words between two edges are those that start between them."""
    parents: list[int] = []
    clauses: list[Segment] = []
    for index, seg in enumerate(segments):
        start = seg.start
        found: list[Segment] = []
        words: list[int] = []  # the sentence's word starts, once it has a joint
        for joint in _JOINT.finditer(folded, seg.start, seg.end):
            if joint.start() <= start:
                continue
            if not words:
                words = [word.start() for word in _WORD.finditer(folded, seg.start, seg.end)]
            before = bisect_left(words, joint.start()) - bisect_left(words, start)
            if before < min_words:
                continue
            if len(words) - bisect_left(words, joint.end()) < min_words:
                break
            found.append(_trimmed(folded, start, joint.start()))
            start = joint.end()
        if found:
            found.append(_trimmed(folded, start, seg.end))
            parents.extend([index] * len(found))
            clauses.extend(found)
    return parents, clauses


def clause_signals(
    own: Sequence[Sequence[str]], parents: Sequence[int], sentence: Sequence[Sequence[str]]
) -> list[list[str]]:
    """Each clause's signals: its own (computed on the clauses as if they were the sentences),
    with the position signals of its sentence instead of its own."""
    return [
        [flag for flag in flags if flag not in POSITION]
        + [flag for flag in sentence[parent] if flag in POSITION]
        for flags, parent in zip(own, parents, strict=True)
    ]


def merge(
    probabilities: Floats, clauses: Floats, parents: Sequence[int], columns: Sequence[int]
) -> Floats:
    """Each sentence's probability of the labels in ``columns``: the highest of its own and its
    clauses'; of the other labels, its own."""
    if not len(parents) or not len(columns):
        return probabilities
    highest = np.zeros_like(probabilities)
    np.maximum.at(highest, np.asarray(parents, dtype=np.int64), clauses)
    chosen = np.asarray(columns, dtype=np.int64)
    merged = probabilities.copy()
    merged[:, chosen] = np.maximum(merged[:, chosen], highest[:, chosen])
    return merged


def alone(flags: Sequence[str]) -> list[str]:
    """The signals of a unit of a one-sentence message: ``!only`` instead of ``!first`` and
    ``!last`` (unchanged if it has ``!only``)."""
    if "!only" in flags:
        return list(flags)
    return [flag for flag in flags if flag not in ("!first", "!last")] + ["!only"]


def neighbours(
    signals: Sequence[Sequence[str]], sentences: int, parents: Sequence[int] = ()
) -> list[list[str]]:
    """The units' signals (``sentences`` sentences, then clauses whose sentences are
    ``parents``) with the rule matches (``!r:``) of the sentence before each unit's sentence as
    ``!prev:`` and of the sentence after as ``!next:``."""
    matched = [
        sorted({f[3:] for f in flags if f.startswith("!r:")}) for flags in signals[:sentences]
    ]

    def around(row: int) -> list[str]:
        before = matched[row - 1] if row > 0 else []
        after = matched[row + 1] if row + 1 < sentences else []
        return ["!prev:" + name for name in before] + ["!next:" + name for name in after]

    rows = [*range(sentences), *parents]
    return [[*flags, *around(row)] for flags, row in zip(signals, rows, strict=True)]
