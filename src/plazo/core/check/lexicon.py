"""Per-language rule files (``lexicons/<lang>.toml``), loaded once and compiled."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from plazo.core.check.alternation import alternatives as _alternatives
from plazo.core.check.alternation import branch_end as _branch_end
from plazo.core.check.alternation import factor
from plazo.core.check.model import CheckError

__all__ = [
    "FACTOR_AFTER",
    "LANGUAGES",
    "Lexicon",
    "Rule",
    "factored",
    "for_message",
    "load",
    "load_factored",
    "stopwords",
]

LANGUAGES = ("es", "en")
_REF = re.compile(r"<<(\w+)>>")
_DIGITS = frozenset("0123456789")  # what ``\d`` adds to a look-ahead (as it always did)
_QUANTIFIER = re.compile(r"([?*+]|\{(?=[\d,])(\d*)(?:,\d*)?\})[?+]?")
# A group the first-character scan knows; group 1: a look-around (it matches no characters).
_GROUP = re.compile(r"\((?:\?:|\?P<\w+>|(\?<?[=!])|(?!\?))")


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
    # named holidays and seasons ("para Navidad", "over Easter"): dates only after a new cue
    occasion: re.Pattern[str] | None = None


def _expand(pattern: str, fragments: dict[str, str], name: str) -> str:
    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in fragments:
            raise CheckError(f"lexicon: unknown fragment <<{key}>> in {name}")
        return f"(?:{_expand(fragments[key], fragments, name)})"

    return _REF.sub(replace, pattern)


def _first(pattern: str, at: int = 0) -> tuple[set[str] | None, bool, int]:
    """The characters the sequence at ``at`` can start with (None: any, or not known), whether
    it can match the empty string, and where the scan stopped: after the first item that cannot
    match the empty string, or at the ``|`` or ``)`` that ends the sequence.

    Only the first items are read (parsing whole alternatives cost a check about 0.02 s). What
    the scan does not know (``\\w``, ``.``, ``[^…]``, flags…) gives None, which costs the rule
    its look-ahead, never a match."""
    found: set[str] = set()
    while at < len(pattern) and pattern[at] not in "|)":
        chars, empty, at = _item(pattern, at)
        if chars is None:
            return None, False, at
        found |= chars
        if at < len(pattern) and pattern[at] in "?*+{":
            quantifier = _QUANTIFIER.match(pattern, at)
            if quantifier is None:  # "{" as a literal: let the full parser have it
                return None, False, at
            least = 1 if quantifier.group(1) == "+" else int(quantifier.group(2) or 0)
            empty = empty or least == 0
            at = quantifier.end()
        if not empty:
            return found, False, at
    return found, True, at


def _item(pattern: str, at: int) -> tuple[set[str] | None, bool, int]:
    """The item at ``at``: its first characters (or None), whether it can be empty, its end."""
    char = pattern[at]
    if char == "\\":
        escaped = pattern[at + 1 : at + 2]
        if escaped in ("b", "B", "A", "Z"):
            return set(), True, at + 2
        if escaped == "d":
            return set(_DIGITS), False, at + 2
        return (None if escaped.isalnum() or not escaped else {escaped}), False, at + 2
    if char == "[":
        return _class(pattern, at + 1)
    if char in "^$":
        return set(), True, at + 1
    if char in ".*+?{":
        return None, False, at
    if char != "(":
        return {char}, False, at + 1
    opening = _GROUP.match(pattern, at)
    if opening is None:
        return None, False, at
    at, zero_width = opening.end(), opening.group(1) is not None
    found: set[str] = set()
    empty = False
    while at < len(pattern):
        if not zero_width:  # a look-around's characters are not the match's
            chars, branch_empty, at = _first(pattern, at)
            if chars is None:
                return None, False, at
            found, empty = found | chars, empty or branch_empty
        at = _branch_end(pattern, at) + 1
        if pattern[at - 1 : at] == ")":
            return (set(), True, at) if zero_width else (found, empty, at)
    return None, False, at  # unbalanced: re.compile will say so


def _class(pattern: str, at: int) -> tuple[set[str] | None, bool, int]:
    """The members of the class ``[…`` whose first member is at ``at``, or None when it is
    negated or holds a category other than ``\\d``."""
    if pattern[at : at + 1] == "^":
        return None, False, at
    chars: set[str] = set()
    first = at
    while at < len(pattern) and (at == first or pattern[at] != "]"):
        char = pattern[at]
        if char == "\\":
            char = pattern[at + 1 : at + 2]
            if char == "d":
                chars |= _DIGITS
                at += 2
                continue
            if char.isalnum() or not char:
                return None, False, at
            at += 1
        at += 1
        if pattern[at : at + 1] == "-" and pattern[at + 1 : at + 2] not in ("]", ""):
            last = pattern[at + 1]
            if last == "\\":
                return None, False, at
            chars.update(chr(code) for code in range(ord(char), ord(last) + 1))
            at += 2
        else:
            chars.add(char)
    return (chars, False, at + 1) if at < len(pattern) else (None, False, at)


def _lookahead(alternatives: list[str]) -> str:
    """``(?=[…])`` with every character the alternatives can start with, or "" when one of them
    can start with any character (or match the empty string). The engine then drops a position
    after one test instead of trying every alternative there: the same matches, found faster."""
    chars: set[str] = set()
    for alternative in alternatives:
        found, empty, _ = _first(alternative)
        if found is None or empty:
            return ""
        chars |= found
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def _join(patterns: list[str], factored: bool = False) -> str:
    """One alternation of ``patterns``, with the leading word boundary of each run of
    consecutive alternatives that start with one tested once for the run, ``\\ba|\\bb`` becoming
    ``\\b(?=[ab])(?:a|b)``: the same matches (same alternatives, same order), but the
    regular-expression engine tries the run's alternatives only where a word starts with one of
    their first characters, which makes the rules' scans cheaper. With ``factored``, each
    alternation is also factored by first characters (:func:`alternation.factor`)."""
    join = factor if factored else "|".join
    parts: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            parts.append("\\b" + _lookahead(run) + "(?:" + join(run) + ")")
            run.clear()

    for pattern in patterns:
        for alternative in _alternatives(pattern):
            if alternative.startswith("\\b"):
                run.append(alternative[2:])
            else:
                close_run()
                parts.append(f"(?:{join([alternative])})")
    close_run()
    return "|".join(parts)


def _compile(
    patterns: Any, fragments: dict[str, str], name: str, factored: bool = False
) -> re.Pattern[str] | None:
    if not patterns:
        return None
    if isinstance(patterns, str):
        patterns = [patterns]
    joined = _join([_expand(p, fragments, name) for p in patterns], factored)
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
        occasion=_compile(dates.get("occasions"), fragments, "occasions"),
    )


def factored(lex: Lexicon, data: dict[str, Any]) -> Lexicon:
    """``lex`` (compiled from ``data``) with its scans of the whole text (the rules' patterns,
    the dates, durations and occasions) factored by first characters: the same spans, found with
    fewer instructions, but about twice the compiling (see :data:`FACTOR_AFTER`). The patterns
    tested in a small window (``not_before``, ``not_after``, the cues, the scopes) are shared."""
    fragments: dict[str, str] = data.get("fragments", {})
    specs = data.get("rules", {})
    rules = {
        name: replace(
            rule, find=_compile(specs[name].get("patterns"), fragments, f"{lex.lang}:{name}", True)
        )
        for name, rule in lex.rules.items()
    }
    dates = data.get("dates", {})
    return replace(
        lex,
        rules=rules,
        date=_need(_compile(dates.get("patterns"), fragments, "dates", True), "dates.patterns"),
        duration=_need(_compile(dates.get("durations"), fragments, "dur", True), "dates.durations"),
        occasion=_compile(dates.get("occasions"), fragments, "occasions", True),
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
def load_factored(lang: str) -> Lexicon:
    """The compiled lexicon of ``lang`` with its whole-text scans factored (cached)."""
    return factored(load(lang), _data(lang))


# A process compiles the factored scans of a language once it has checked this many of its
# messages. Factoring and compiling them costs about 0.56 billion instructions (~60 ms) a
# language and saves about 2.5 million (~0.3 ms) a message, so they pay for themselves after about
# 220 messages: a process that checks one message (``plazo check FILE``) starts as fast as with
# the patterns as written, and a long-running one (the web app, the worker, a batch) soon checks
# each message faster. Waiting as long as it takes to pay the compile back costs a process at most
# twice what the best choice, made knowing how many messages would come, would have cost.
FACTOR_AFTER = 200
_checked: dict[str, int] = {}


def for_message(lang: str) -> Lexicon:
    """The lexicon to check one more message of ``lang`` with: :func:`load`'s, and
    :func:`load_factored`'s from the process's ``FACTOR_AFTER + 1``-th message of ``lang`` on
    (the same spans either way)."""
    count = _checked.get(lang, 0) + 1
    _checked[lang] = count
    return load_factored(lang) if count > FACTOR_AFTER else load(lang)


@cache
def stopwords(lang: str) -> frozenset[str]:
    """The stop words of ``lang`` (for language detection), without compiling its rules: a
    message is checked with one language's rules, so the other's are never compiled."""
    return frozenset(_data(lang).get("meta", {}).get("stopwords", []))
