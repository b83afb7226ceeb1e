"""Per-language rule files (``lexicons/<lang>.toml``), loaded once and compiled."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from plazo.core.check.model import CheckError

__all__ = ["LANGUAGES", "Lexicon", "Rule", "load"]

LANGUAGES = ("es", "en")
_REF = re.compile(r"<<(\w+)>>")


@dataclass(frozen=True)
class Rule:
    """One element or warning: what finds it and what rules a match out."""

    name: str
    find: re.Pattern[str] | None
    not_before: re.Pattern[str] | None  # tested on the clause text just before a match
    not_after: re.Pattern[str] | None  # tested on the text just after a match
    negatable: bool
    skip_hypothetical: bool
    quotable: bool  # True: a match inside a quotation still counts (a cause passed on)
    message: str


@dataclass(frozen=True)
class Lexicon:
    """Everything the checker knows about one language."""

    lang: str
    stopwords: frozenset[str]
    negation: re.Pattern[str]
    hypothetical: re.Pattern[str]
    rules: dict[str, Rule]
    date: re.Pattern[str]
    duration: re.Pattern[str]
    old_date_cue: re.Pattern[str]
    new_date_cue: re.Pattern[str]
    old_after_cue: re.Pattern[str] | None


def _expand(pattern: str, fragments: dict[str, str], name: str) -> str:
    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in fragments:
            raise CheckError(f"lexicon: unknown fragment <<{key}>> in {name}")
        return f"(?:{_expand(fragments[key], fragments, name)})"

    return _REF.sub(replace, pattern)


def _compile(patterns: Any, fragments: dict[str, str], name: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    if isinstance(patterns, str):
        patterns = [patterns]
    joined = "|".join(f"(?:{_expand(p, fragments, name)})" for p in patterns)
    try:
        return re.compile(joined)
    except re.error as error:
        raise CheckError(f"lexicon: bad pattern in {name}: {error}") from None


def _need(compiled: re.Pattern[str] | None, name: str) -> re.Pattern[str]:
    if compiled is None:
        raise CheckError(f"lexicon: {name} is missing")
    return compiled


def parse(lang: str, data: dict[str, Any]) -> Lexicon:
    """Compile a parsed lexicon file."""
    fragments: dict[str, str] = data.get("fragments", {})
    rules: dict[str, Rule] = {}
    for name, spec in data.get("rules", {}).items():
        rules[name] = Rule(
            name=name,
            find=_compile(spec.get("patterns"), fragments, f"{lang}:{name}"),
            not_before=_compile(spec.get("not_before"), fragments, f"{lang}:{name}"),
            not_after=_compile(spec.get("not_after"), fragments, f"{lang}:{name}"),
            negatable=bool(spec.get("negatable", True)),
            skip_hypothetical=bool(spec.get("skip_hypothetical", False)),
            quotable=bool(spec.get("quotable", False)),
            message=str(spec.get("message", "")),
        )
    scopes = data.get("scopes", {})
    dates = data.get("dates", {})
    return Lexicon(
        lang=lang,
        stopwords=frozenset(data.get("meta", {}).get("stopwords", [])),
        negation=_need(_compile(scopes.get("negation"), fragments, "negation"), "negation"),
        hypothetical=_need(_compile(scopes.get("hypothetical"), fragments, "hyp"), "hypothetical"),
        rules=rules,
        date=_need(_compile(dates.get("patterns"), fragments, "dates"), "dates.patterns"),
        duration=_need(_compile(dates.get("durations"), fragments, "dur"), "dates.durations"),
        old_date_cue=_need(_compile(dates.get("old_cues"), fragments, "old"), "dates.old_cues"),
        new_date_cue=_need(_compile(dates.get("new_cues"), fragments, "new"), "dates.new_cues"),
        old_after_cue=_compile(dates.get("old_after_cues"), fragments, "old_after"),
    )


@cache
def load(lang: str) -> Lexicon:
    """The compiled lexicon of ``lang`` (cached: files are read and compiled once)."""
    if lang not in LANGUAGES:
        raise CheckError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    source = resources.files("plazo.core.check").joinpath("lexicons", f"{lang}.toml")
    return parse(lang, tomllib.loads(source.read_text(encoding="utf-8")))
