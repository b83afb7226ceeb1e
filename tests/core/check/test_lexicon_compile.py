"""The lexicon's compiled rules: one alternation per rule, built so the scans are cheap, finding
exactly what the plain alternation of the file's patterns finds."""

from __future__ import annotations

import json
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from plazo.core.check.lexicon import LANGUAGES, _alternatives, _expand, _join, _lookahead
from plazo.core.check.text import prepare

CORPUS = Path(__file__).resolve().parents[3] / "corpus" / "checker"


def test_a_pattern_is_cut_only_at_bars_outside_groups_and_classes() -> None:
    assert _alternatives(r"\ba|\bb(?:c|d)[|]") == [r"\ba", r"\bb(?:c|d)[|]"]
    assert _alternatives(r"a\|b") == [r"a\|b"]


def test_a_run_of_word_boundary_alternatives_tests_the_boundary_and_first_letters_once() -> None:
    assert _join([r"\bsorry\b", r"\b(?:we|i) regret", "x+"]) == (
        r"\b(?=[isw])(?:(?:sorry\b)|(?:(?:we|i) regret))|(?:x+)"
    )


def test_no_lookahead_when_an_alternative_can_start_with_any_character_or_be_empty() -> None:
    assert _lookahead([r"\w+ later", "soon"]) == ""
    assert _lookahead(["(?:soon)?"]) == ""
    assert _lookahead([r"\d{1,2}/", "[a-c]x"]) == "(?=[0123456789abc])"


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
        for path in sorted((CORPUS / lang).glob("*.jsonl"))[::4]
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert texts
    for patterns in _pattern_groups(lang):
        plain = re.compile("|".join(f"(?:{p})" for p in patterns))
        fast = re.compile(_join(patterns))
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ]
