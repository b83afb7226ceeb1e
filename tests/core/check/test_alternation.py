"""Alternations factored by first character find exactly what the plain alternation finds."""

from __future__ import annotations

import re

import pytest

from plazo.core.check.alternation import factor

# texts where the order of the alternatives decides the match ("no" before "not", "sep" before
# "sept"), empty branches, quantified first characters, look-arounds and escapes
TEXTS = [
    "we regret it; i regret nothing. not now, no: sept or sep? a.b ab aab $5 5$ x",
    "so late, sorry; soon. we'll see, i'll be. the end of the month, the start",
    "nothing not no nope note n't - [date] {x} (y) a]b",
]


def _same_matches(pieces: list[str]) -> None:
    plain = re.compile("|".join(f"(?:{p})" for p in pieces))
    fast = re.compile(factor(pieces))
    for text in TEXTS:
        for start in (0, 3):
            assert [m.span() for m in fast.finditer(text, start)] == [
                m.span() for m in plain.finditer(text, start)
            ], (pieces, text)


def test_alternatives_sharing_a_first_character_are_tried_once_there() -> None:
    assert factor([r"sorry\b", "so late", r"(?:we|i) regret"]) == (
        r"so(?:rry\b| late)|we regret|i regret"
    )


def test_an_alternative_that_does_not_start_with_a_literal_keeps_its_place() -> None:
    assert factor(["no", r"\w+t", "not"]) == r"no|\w+t|not"
    assert factor(["a?b", "ab", ".x", "ay"]) == "a?b|ab|.x|ay"


def test_a_pattern_with_a_capturing_group_or_flags_is_left_as_written() -> None:
    for pieces in (["(a)b", "ac"], ["(?i:a)b", "ac"], [r"(?:a)\1", "ab"], ["(?P<x>a)", "ab"]):
        assert factor(pieces) == "|".join(pieces)


def test_an_unbalanced_pattern_is_left_for_re_to_refuse() -> None:
    assert factor(["(?:ab", "ac"]) == "(?:ab|ac"
    assert factor(["a[bc", "ad"]) == "a[bc|ad"


@pytest.mark.parametrize(
    "pieces",
    [
        ["no", "not", "nothing"],
        ["not", "no"],
        ["sep", "sept", r"sept\b", r"sep\w*"],
        [r"(?:we|i|we'll) (?:regret|see)", r"(?:i'll|we) be"],
        [r"(?:the )?(?:end|start) of (?:the )?month", "the (?:end|start)"],
        [r"(?:a|aa)b", "a", "", "ab"],
        [r"a(?<=\ba)b", r"(?<!x)a", "aab"],
        [r"(?:n|no)(?:t|thing)?", r"n(?!o)\S+"],
        [r"\$\d", r"\.b", r"a\.b", r"5\$"],
        [r"\[date\]", r"\{x\}|\(y\)", r"a\]b", "a]b"],
        [r"(?:so(?:rry|on)|see)\b", r"(?=s)\w+"],
    ],
)
def test_the_factored_alternation_finds_the_same_spans(pieces: list[str]) -> None:
    _same_matches(pieces)


def test_a_shared_run_of_characters_is_taken_at_once_but_never_a_quantified_one() -> None:
    assert factor(["apology", "apologies?"]) == "apolog(?:y|ies?)"
    assert factor(["ab?", "abc"]) == "a(?:b?|bc)"
    assert factor(["xyz", "xy"]) == "xy(?:z|)"
    assert factor([r"a\.b", r"a\.c"]) == r"a\.(?:b|c)"
