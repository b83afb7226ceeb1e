"""Per-language rule files (``lexicons/<lang>.toml``), loaded once and compiled."""

from __future__ import annotations

import re
import re._constants as _c  # type: ignore[import-not-found]  # the parser of `re` (stdlib)
import re._parser as _parser  # type: ignore[import-not-found]
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from plazo.core.check.model import CheckError

__all__ = ["LANGUAGES", "Lexicon", "Rule", "load", "stopwords"]

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


def _first(items: Any) -> tuple[set[int] | None, bool]:
    """The characters a parsed regular expression can start with (None: any, or unknown) and
    whether it can match the empty string."""
    found: set[int] = set()
    for op, arg in items:
        chars, empty = _first_of(op, arg)
        if chars is None:
            return None, False
        found |= chars
        if not empty:
            return found, False
    return found, True


def _first_of(op: Any, arg: Any) -> tuple[set[int] | None, bool]:
    if op is _c.LITERAL:
        return {arg}, False
    if op is _c.IN:
        chars: set[int] = set()
        for kind, value in arg:
            if kind is _c.LITERAL:
                chars.add(value)
            elif kind is _c.RANGE:
                chars.update(range(value[0], value[1] + 1))
            elif kind is _c.CATEGORY and value is _c.CATEGORY_DIGIT:
                chars.update(range(ord("0"), ord("9") + 1))
            else:
                return None, False
        return chars, False
    if op is _c.BRANCH:
        union: set[int] = set()
        empty = False
        for branch in arg[1]:
            chars_or_none, branch_empty = _first(branch)
            if chars_or_none is None:
                return None, False
            union |= chars_or_none
            empty = empty or branch_empty
        return union, empty
    if op is _c.SUBPATTERN:
        return _first(arg[3])
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        chars_or_none, empty = _first(arg[2])
        return chars_or_none, empty or arg[0] == 0
    return None, False


def _lookahead(alternatives: list[str]) -> str:
    """``(?=[…])`` with every character the alternatives can start with, or "" when one of them
    can start with any character (or match the empty string). The engine then drops a position
    after one test instead of trying every alternative there: the same matches, found faster."""
    chars: set[int] = set()
    for alternative in alternatives:
        try:
            found, empty = _first(_parser.parse(alternative))
        except (re.error, AttributeError, TypeError):  # a private module: be defensive
            return ""
        if found is None or empty:
            return ""
        chars |= found
    return "(?=[" + "".join(re.escape(chr(c)) for c in sorted(chars)) + "])"


def _alternatives(pattern: str) -> list[str]:
    """``pattern`` cut at each ``|`` outside every group and character class."""
    pieces: list[str] = []
    depth, in_class, escaped, begin = 0, False, False, 0
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            pieces.append(pattern[begin:index])
            begin = index + 1
    pieces.append(pattern[begin:])
    return pieces


def _join(patterns: list[str]) -> str:
    """One alternation of ``patterns``, with the leading word boundary of each run of
    consecutive alternatives that start with one tested once for the run, ``\\ba|\\bb`` becoming
    ``\\b(?=[ab])(?:a|b)``: the same matches (same alternatives, same order), but the
    regular-expression engine tries the run's alternatives only where a word starts with one of
    their first characters, which makes the rules' scans cheaper."""
    parts: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            parts.append("\\b" + _lookahead(run) + "(?:" + "|".join(f"(?:{p})" for p in run) + ")")
            run.clear()

    for pattern in patterns:
        for alternative in _alternatives(pattern):
            if alternative.startswith("\\b"):
                run.append(alternative[2:])
            else:
                close_run()
                parts.append(f"(?:{alternative})")
    close_run()
    return "|".join(parts)


def _compile(patterns: Any, fragments: dict[str, str], name: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    if isinstance(patterns, str):
        patterns = [patterns]
    joined = _join([_expand(p, fragments, name) for p in patterns])
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
def _data(lang: str) -> dict[str, Any]:
    if lang not in LANGUAGES:
        raise CheckError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    source = resources.files("plazo.core.check").joinpath("lexicons", f"{lang}.toml")
    return tomllib.loads(source.read_text(encoding="utf-8"))


@cache
def load(lang: str) -> Lexicon:
    """The compiled lexicon of ``lang`` (cached: files are read and compiled once)."""
    return parse(lang, _data(lang))


@cache
def stopwords(lang: str) -> frozenset[str]:
    """The stop words of ``lang`` (for language detection), without compiling its rules: a
    message is checked with one language's rules, so the other's are never compiled."""
    return frozenset(_data(lang).get("meta", {}).get("stopwords", []))
