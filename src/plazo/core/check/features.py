"""Sentences and their features: what the learned classifiers see (the same at training and use).

A sentence is a span of the segmenter in ``scopes.py`` (terminal punctuation or a line break),
trimmed of white space. Its features are strings:

* lexical — on the folded text with digits as ``0``: words (``w:``), word pairs (``b:``), the
  first five letters of longer words as a crude stem (``s:``), character 3- to 5-grams inside
  words (``c:``, like scikit-learn's ``char_wb``) and the words a negation governs (``n:``);
  counted per occurrence, so a sentence's lexical vector is a sum over its words (which is
  what makes inference fast: each word's share is computed once and cached);
* signals (``!``) — what the exact rules found in the sentence: a rule that matched (``!r:``) or
  matched but was ruled out by a quotation, negation or condition (``!x:``), parsed dates
  (``!date``, ``!newdate``), placeholders, quotation or forwarded text, negation and condition
  cues, the position in the message, and whether the message as a whole has a new date.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

__all__ = [
    "CHAR_NGRAMS",
    "STEM",
    "Segment",
    "context_features",
    "lexical_features",
    "message_marks",
    "placeholders",
    "segment",
    "signal_features",
    "tokenize",
    "word_features",
]

CHAR_NGRAMS = (3, 5)
STEM = 5
_LETTER = re.compile(r"[^\W\d_]")
_TOKEN = re.compile(r"[a-z\u00f10-9]+(?:'[a-z]+)?|[%\u20ac$\u00a3]")
_DIGITS = str.maketrans("0123456789", "0000000000")
_MANY_ZEROS = re.compile(r"0{2,}")
_CLAUSE = re.compile(r"[,;:()\u2014\u2013.!?]| - |\bbut\b|\bpero\b")
_NEGATIONS = frozenset(
    [
        "no",
        "not",
        "never",
        "cannot",
        "can't",
        "won't",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "haven't",
        "hasn't",
        "hadn't",
        "shouldn't",
        "wouldn't",
        "couldn't",
        "without",
        "nor",
        "nothing",
        "none",
        "nunca",
        "ni",
        "sin",
        "tampoco",
        "jamas",
        "nadie",
        "ningun",
        "ninguna",
        "ninguno",
        "nada",
    ]
)
# Every alternative starts with a literal, so the engine can skip ahead to candidates
# ("x(?<!\wx)x" is "\bxx" written that way; "_(?<!\w_)__+" is "\b_{3,}").
_PLACEHOLDER = re.compile(
    r"\[[^\]\n]{1,40}\]|\{\{?[^}\n]{1,40}\}?\}|<(?:date|fecha|dd/mm|[a-z_]{2,20})>"
    r"|x(?<!\wx)x(?:[/.-]xx(?:xx)?)+\b|d(?<!\wd)d/mm(?:/a{2,4}|/y{2,4})?\b|_(?<!\w_)__+"
)
_FORWARD = re.compile(
    r"^[ \t]*(?:-{2,}[ \t]*(?:original message|forwarded message|mensaje original"
    r"|mensaje reenviado)[ \t]*-{2,}|begin forwarded message:?"
    r"|(?:on|el) [^\n]{5,120}(?:wrote|escribio):)[ \t]*$",
    re.MULTILINE,
)
_QUOTED_LINE = re.compile(r"^[ \t]*>", re.MULTILINE)


@dataclass(frozen=True)
class Segment:
    """One sentence: [start, end) in the visible text, trimmed."""

    start: int
    end: int


def segment(visible: str, starts: Sequence[int], ends: Sequence[int]) -> list[Segment]:
    """The sentences of the scopes, trimmed, keeping those with at least one letter."""
    segments: list[Segment] = []
    for start, end in zip(starts, ends, strict=True):
        while start < end and visible[start].isspace():
            start += 1
        while end > start and visible[end - 1].isspace():
            end -= 1
        if end > start and _LETTER.search(visible, start, end):
            segments.append(Segment(start, end))
    return segments


def tokenize(folded: str) -> tuple[str, list[str]]:
    """The folded sentence with digits as ``0``, and its words."""
    text = _MANY_ZEROS.sub("0", folded.translate(_DIGITS))
    return text, _TOKEN.findall(text)


@lru_cache(maxsize=1 << 16)
def word_features(token: str) -> tuple[str, ...]:
    """What one word contributes wherever it is: itself, its stem and its character n-grams
    (an n-gram that occurs twice in the word counts twice)."""
    features = ["w:" + token]
    if len(token) > STEM:
        features.append("s:" + token[:STEM])
    padded = " " + token + " "
    size = len(padded)
    low, high = CHAR_NGRAMS
    for n in range(low, min(high, size) + 1):
        features.extend("c:" + padded[i : i + n] for i in range(size - n + 1))
    return tuple(features)


def context_features(text: str, tokens: list[str]) -> list[str]:
    """Word pairs (with the sentence's edges) and the words a negation governs (``n:``, up to
    six words after it in the same clause)."""
    if not tokens:
        return []
    pairs = ["^", *tokens, "$"]
    features = [f"b:{a}_{b}" for a, b in pairwise(pairs)]
    if not _NEGATIONS.isdisjoint(tokens):
        for clause in _CLAUSE.split(text):
            words = _TOKEN.findall(clause)
            for i, word in enumerate(words):
                if word in _NEGATIONS:
                    features.extend("n:" + w for w in words[i + 1 : i + 7])
    return features


def lexical_features(folded: str) -> list[str]:
    """Every lexical feature of one folded sentence, once per occurrence (for training)."""
    text, tokens = tokenize(folded)
    features = context_features(text, tokens)
    for token in tokens:
        features.extend(word_features(token))
    return features


def placeholders(folded: str) -> list[tuple[int, int]]:
    """Template placeholders ([date], {{fecha}}, XX/XX, dd/mm, ___)."""
    return [m.span() for m in _PLACEHOLDER.finditer(folded)]


def message_marks(visible: str, folded: str) -> tuple[int, list[tuple[int, int]]]:
    """What :func:`signal_features` reads of the whole text: where forwarded text starts and the
    placeholders (the same for a message's sentences and its clauses)."""
    return _forwarded_from(visible), placeholders(folded)


def _forwarded_from(visible: str) -> int:
    """Where forwarded text starts (a forward header line), or the text's length."""
    match = _FORWARD.search(visible.lower())
    return match.start() if match else len(visible)


def _overlaps(spans: Sequence[tuple[int, int]], seg: Segment) -> bool:
    return any(start < seg.end and end > seg.start for start, end in spans)


def _covered(spans: Iterable[tuple[int, int]], seg: Segment) -> bool:
    inside = sum(max(0, min(e, seg.end) - max(s, seg.start)) for s, e in spans)
    return inside * 2 >= seg.end - seg.start


def signal_features(
    visible: str,
    folded: str,
    segments: Sequence[Segment],
    kept: dict[str, list[tuple[int, int]]],
    dropped: dict[str, list[tuple[int, int]]],
    dates: Sequence[tuple[int, int]],
    new_dates: Sequence[tuple[int, int]],
    quotes: Sequence[tuple[int, int]],
    negation: re.Pattern[str],
    hypothetical: re.Pattern[str],
    marks: tuple[int, list[tuple[int, int]]] | None = None,
) -> list[list[str]]:
    """The rules' signals for each segment (``marks``: the text's :func:`message_marks`, when
    they are known already)."""
    forwarded, holders = message_marks(visible, folded) if marks is None else marks
    kept_sorted = {name: sorted(spans) for name, spans in kept.items() if spans}
    dropped_sorted = {name: sorted(spans) for name, spans in dropped.items() if spans}
    groups: list[tuple[str, list[tuple[int, int]]]] = [
        *(("!r:" + name, spans) for name, spans in kept_sorted.items()),
        *(("!x:" + name, spans) for name, spans in dropped_sorted.items()),
        ("!date", sorted(dates)),
        ("!newdate", sorted(new_dates)),
        ("!ph", holders),
    ]
    starts = [seg.start for seg in segments]
    total = len(segments)
    found: list[list[str]] = [[] for _ in segments]
    for name, spans in groups:
        for start, end in spans:
            # every segment the span overlaps, once per name
            index = max(0, bisect_right(starts, start) - 1)
            while index < total and segments[index].start < end:
                if segments[index].end > start and (not found[index] or found[index][-1] != name):
                    found[index].append(name)
                index += 1
    message = []
    if new_dates:
        message.append("!m:newdate")
    if kept_sorted.get("unknown_date"):
        message.append("!m:unknown")
    result: list[list[str]] = []
    for position, seg in enumerate(segments):
        signals = [*message, *found[position]]
        if seg.start >= forwarded or _QUOTED_LINE.match(visible, _line_start(visible, seg.start)):
            signals.append("!fwd")
        if quotes and _covered(quotes, seg):
            signals.append("!quote")
        if negation.search(folded, seg.start, seg.end):
            signals.append("!neg")
        if hypothetical.search(folded, seg.start, seg.end):
            signals.append("!hyp")
        if position == 0:
            signals.append("!first")
        if position == total - 1:
            signals.append("!last")
        signals.append(f"!pos{min(2, 3 * position // max(1, total))}")
        words = folded.count(" ", seg.start, seg.end) + 1
        if words < 6:
            signals.append("!short")
        elif words > 40:
            signals.append("!long")
        result.append(signals)
    return result


def _line_start(visible: str, position: int) -> int:
    return visible.rfind("\n", 0, position) + 1
