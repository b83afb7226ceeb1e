"""Clause units (``units.py``): where a sentence is split, and how its probability is merged."""

from __future__ import annotations

import re

import numpy as np
import pytest

from plazo.core.check.engine import (
    analyse,
    clause_units,
    sentence_signals,
    sentences,
    unit_signals,
)
from plazo.core.check.features import Segment
from plazo.core.check.units import MIN_WORDS, alone, clause_segments, merge, neighbours


def clauses_of(text: str, lang: str = "auto") -> list[str]:
    analysis = analyse(text, lang)
    folded = analysis.prepared.folded
    _, found = clause_segments(folded, sentences(analysis))
    return [folded[c.start : c.end] for c in found]


def test_a_sentence_joining_two_statements_is_split_at_the_conjunction() -> None:
    assert clauses_of("Lo recibirá el día 12 y no le cobraremos el montaje.") == [
        "lo recibira el dia 12",
        "no le cobraremos el montaje.",
    ]
    assert clauses_of("We will ship on 3 May, and the fitting is free; sorry about this.") == [
        "we will ship on 3 may",
        "the fitting is free",
        "sorry about this.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The kitchen and the bathroom will be finished on Friday.",
        "We apologise and will refund you.",
        "Lo sentimos mucho y lo arreglaremos.",
        "Your order is late.",
    ],
)
def test_short_sides_and_plain_sentences_are_not_split(text: str) -> None:
    assert clauses_of(text) == []


def test_a_clause_keeps_its_own_signals_and_its_sentences_position() -> None:
    analysis = analyse("Lo sentimos. Lo recibirá el día 12 y no le cobraremos el montaje.", "es")
    segments = sentences(analysis)
    signals = sentence_signals(analysis, segments)
    parents, _, flags = clause_units(analysis, segments, signals)
    assert parents == [1, 1]
    assert "!newdate" in flags[0]
    assert "!newdate" not in flags[1]
    assert "!r:compensation" in flags[1]
    assert "!r:compensation" not in flags[0]
    for unit in flags:
        assert "!last" in unit
        assert "!first" not in unit


def test_a_sentence_takes_the_highest_of_its_own_and_its_clauses_probabilities() -> None:
    sentences_p = np.array([[0.2, 0.9], [0.1, 0.1]])
    clauses_p = np.array([[0.8, 0.1], [0.3, 0.95], [0.05, 0.2]])
    merged = merge(sentences_p, clauses_p, [0, 0, 1], [0, 1])
    assert merged.tolist() == [[0.8, 0.95], [0.1, 0.2]]
    assert merge(sentences_p, clauses_p, [0, 0, 1], [1]).tolist() == [[0.2, 0.95], [0.1, 0.2]]
    assert merge(sentences_p, np.zeros((0, 2)), [], [0, 1]) is sentences_p


def test_a_lone_sentence_is_only_not_first_and_last() -> None:
    assert alone(["!r:plan", "!first", "!last", "!pos0", "!short"]) == [
        "!r:plan",
        "!pos0",
        "!short",
        "!only",
    ]


def test_each_unit_sees_the_rule_matches_of_its_sentences_neighbours() -> None:
    signals = [
        ["!r:cause", "!first", "!pos0"],
        ["!r:plan", "!x:apology"],
        ["!r:apology", "!r:assurance", "!last"],
        ["!date"],  # a clause of sentence 1
    ]
    found = neighbours(signals, 3, [1])
    assert found[0] == ["!r:cause", "!first", "!pos0", "!next:plan"]
    # a ruled-out cue (``!x:``) is not a match; the unit's own signals stay first
    assert found[1] == ["!r:plan", "!x:apology", "!prev:cause", "!next:apology", "!next:assurance"]
    assert found[2] == ["!r:apology", "!r:assurance", "!last", "!prev:plan"]
    # a clause gets the neighbours of its sentence, not of the units listed next to it
    assert found[3] == ["!date", "!prev:cause", "!next:apology", "!next:assurance"]


def test_a_lone_sentence_has_no_neighbours() -> None:
    assert neighbours([["!r:plan", "!first", "!last"]], 1) == [["!r:plan", "!first", "!last"]]
    assert unit_signals([["!r:plan", "!first", "!last"]], True, 1, True) == [["!r:plan", "!only"]]


def test_the_checker_gives_neighbours_only_to_a_model_trained_with_them() -> None:
    analysis = analyse("The press jammed on Monday. We replaced the roller.", "en")
    signals = sentence_signals(analysis, sentences(analysis))
    assert unit_signals(signals, False, 2) == signals
    with_context = unit_signals(signals, False, 2, True)
    assert "!prev:cause" in with_context[1]
    assert not any(f.startswith(("!prev:", "!next:")) for f in signals[1])


def _clauses_counted_per_side(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses as ``clause_segments`` found them when it counted each side's words apart."""
    words = re.compile(r"[a-z\u00f10-9]+")
    joints = re.compile(r"\s*;\s*|,?\s+(?:and|but|y|e|pero)\s+")

    def count(a: int, b: int) -> int:
        return sum(1 for _ in words.finditer(folded, a, b))

    at, cuts = start, []
    for joint in joints.finditer(folded, start, end):
        if joint.start() <= at or count(at, joint.start()) < MIN_WORDS:
            continue
        if count(joint.end(), end) < MIN_WORDS:
            break
        cuts.append((at, joint.start()))
        at = joint.end()
    return [*cuts, (at, end)] if cuts else []


@pytest.mark.parametrize(
    "folded",
    [
        "we ship on 3 may;the fitting is free ; and sorry, but it was us and the van",
        "lo recibira el dia 12 y no le cobraremos el montaje, pero lo sentimos y e y y e",
        "a b c and d e f and g h and i j k l",
        "uno dos;tres cuatro cinco; seis siete ocho y nueve diez once pero doce",
        "and and and and but but but y y y",
        "ñandu año niño y peña baño caña",
    ],
)
def test_clause_words_counted_once_per_sentence_split_where_counting_each_side_did(
    folded: str,
) -> None:
    """The word starts found once per sentence give the splits that counting the words on each
    side of each joint gave (no word crosses a joint's edges)."""
    parents, found = clause_segments(folded, [Segment(0, len(folded))])
    expected = _clauses_counted_per_side(folded, 0, len(folded))
    assert len(found) == len(expected)
    assert parents == [0] * len(found)
    for clause, (start, end) in zip(found, expected, strict=True):
        assert clause.start >= start  # trimmed
        assert clause.end <= end
        assert folded[clause.start : clause.end] == folded[start:end].strip(" \t\n,;:")
