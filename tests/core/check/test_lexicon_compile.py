"""The lexicon's compiled rules: one alternation per rule, built so the scans are cheap, finding
exactly what the plain alternation of the file's patterns finds."""

from __future__ import annotations

import json
import re
import re._constants as sre  # type: ignore[import-not-found]  # the parser of `re` (stdlib)
import re._parser as sre_parse  # type: ignore[import-not-found]
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from plazo.checktrain.evaluate import training_files
from plazo.core.check import lexicon
from plazo.core.check.lexicon import (
    LANGUAGES,
    _alternatives,
    _expand,
    _join,
    _lookahead,
    for_message,
    load,
    load_factored,
)
from plazo.core.check.text import prepare

CORPUS = Path(__file__).resolve().parents[3] / "corpus" / "checker"


def test_a_pattern_is_cut_only_at_bars_outside_groups_and_classes() -> None:
    assert _alternatives(r"\ba|\bb(?:c|d)[|]") == [r"\ba", r"\bb(?:c|d)[|]"]
    assert _alternatives(r"a\|b") == [r"a\|b"]


def test_a_run_of_word_boundary_alternatives_tests_the_boundary_and_first_letters_once() -> None:
    assert _join([r"\bsorry\b", r"\b(?:we|i) regret", "x+"]) == (
        r"\b(?=[isw])(?:sorry\b|(?:we|i) regret)|(?:x+)"
    )
    assert _join([r"\bsorry\b", r"\b(?:we|i) regret", "x+"], factored=True) == (
        r"\b(?=[isw])(?:sorry\b|we regret|i regret)|(?:x+)"
    )


def test_no_lookahead_when_an_alternative_can_start_with_any_character_or_be_empty() -> None:
    assert _lookahead([r"\w+ later", "soon"]) == ""
    assert _lookahead(["(?:soon)?"]) == ""
    assert _lookahead([r"\d{1,2}/", "[a-c]x"]) == "(?=[0123456789abc])"


def test_the_first_characters_follow_groups_quantifiers_classes_and_lookarounds() -> None:
    assert _lookahead([r"(?:we|i) regret"]) == "(?=[iw])"
    assert _lookahead([r"(?:very )?sorry", r"(?P<x>late|\d)"]) == "(?=[0123456789lsv])"
    assert _lookahead(["a{0,2}b", "(?<!no )c", "[x-z]+", "^d"]) == "(?=[abcdxyz])"
    assert _lookahead([r"[]a]b", r"\.x", r"(?:e|(?:f|[)|]))g"]) == r"(?=[\)\.\]aef\|])"
    assert _lookahead([r"(?:a[]|)]|b[^]|)]|y)z"]) == "(?=[aby])"  # "]" first is a member


def test_a_pattern_the_scan_does_not_know_gets_no_lookahead_never_a_wrong_one() -> None:
    # a look-ahead may only be dropped (slower, same matches); "(?i:a)" can start with "A" too
    for pattern in [r"(?i:a)b", r"[!-\.]", "a{}b", r"\nx", ".x", "[^a]b", "(?>a)b", "(?:a"]:
        assert _lookahead([pattern]) == "", pattern


def _parsed_first(items: Any) -> tuple[set[int] | None, bool]:
    """The reference: the first characters of a pattern parsed by ``re``'s own parser."""
    found: set[int] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars, empty = {arg}, False
        elif op is sre.IN:
            chars, empty = set(), False
            for kind, value in arg:
                if kind is sre.LITERAL:
                    chars.add(value)
                elif kind is sre.RANGE:
                    chars.update(range(value[0], value[1] + 1))
                elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
                    chars.update(range(ord("0"), ord("9") + 1))
                else:
                    return None, False
        elif op is sre.BRANCH:
            chars, empty = set(), False
            for branch in arg[1]:
                some, branch_empty = _parsed_first(branch)
                if some is None:
                    return None, False
                chars, empty = chars | some, empty or branch_empty
        elif op is sre.SUBPATTERN and not arg[1]:  # no flags
            some, empty = _parsed_first(arg[3])
            if some is None:
                return None, False
            chars = some
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            chars, empty = set(), True
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            some, empty = _parsed_first(arg[2])
            if some is None:
                return None, False
            chars, empty = some, empty or arg[0] == 0
        else:
            return None, False
        found |= chars
        if not empty:
            return found, False
    return found, True


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rules_lookahead_is_the_one_re_s_own_parser_gives(lang: str) -> None:
    runs = [
        [alternative[2:] for alternative in _alternatives(pattern)]
        for patterns in _pattern_groups(lang)
        for pattern in patterns
        if all(a.startswith("\\b") for a in _alternatives(pattern))
    ]
    assert len(runs) > 100
    for run in runs:
        chars: set[int] | None = set()
        for alternative in run:
            found, empty = _parsed_first(sre_parse.parse(alternative))
            chars = None if chars is None or found is None or empty else chars | found
        if chars is None:
            assert _lookahead(run) == "", run
        else:
            listed = "".join(re.escape(chr(c)) for c in sorted(chars))
            assert _lookahead(run) == f"(?=[{listed}])", run


def _pattern_groups(lang: str) -> list[list[str]]:
    text = resources.files("plazo.core.check").joinpath("lexicons", f"{lang}.toml").read_text()
    data = tomllib.loads(text)
    fragments = data["fragments"]
    raw = [
        spec.get(key)
        for spec in data["rules"].values()
        for key in ("patterns", "not_before", "not_after")
    ]
    raw += [*data["dates"].values(), *data["scopes"].values()]
    groups = []
    for patterns in raw:
        if patterns:
            listed = [patterns] if isinstance(patterns, str) else patterns
            groups.append([_expand(p, fragments, lang) for p in listed])
    return groups


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_compiled_rule_finds_the_spans_the_plain_alternation_finds(lang: str) -> None:
    texts = [
        prepare(json.loads(line)["text"]).folded
        for path in training_files(CORPUS, CORPUS / "split.json")[::4]
        if path.parent.name == lang
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert texts
    for patterns in _pattern_groups(lang):
        plain = re.compile("|".join(f"(?:{p})" for p in patterns))
        fast = re.compile(_join(patterns))
        factored = re.compile(_join(patterns, factored=True))
        for text in texts:
            spans = [m.span() for m in plain.finditer(text)]
            assert [m.span() for m in fast.finditer(text)] == spans
            assert [m.span() for m in factored.finditer(text)] == spans


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_factored_lexicon_differs_only_in_its_whole_text_scans(lang: str) -> None:
    plain, fast = load(lang), load_factored(lang)
    assert fast.date.pattern != plain.date.pattern
    assert fast.duration.pattern != plain.duration.pattern
    for name, rule in plain.rules.items():
        assert fast.rules[name].find is not None
        assert rule.find is not None
        assert fast.rules[name].find.pattern != rule.find.pattern
        assert fast.rules[name].not_before is rule.not_before
        assert fast.rules[name].not_after is rule.not_after
    assert (fast.negation, fast.new_date_cue, fast.old_date_cue) == (
        plain.negation,
        plain.new_date_cue,
        plain.old_date_cue,
    )


def test_a_process_checks_with_the_factored_scans_after_factor_after_messages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lexicon, "FACTOR_AFTER", 2)
    monkeypatch.setattr(lexicon, "_checked", {})
    used = [for_message("en") for _ in range(3)]
    assert used[0] is load("en")
    assert used[1] is load("en")
    assert used[2] is load_factored("en")
    assert for_message("es") is load("es")  # counted per language
