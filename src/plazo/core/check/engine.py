"""``check``: find the seven elements and the three warnings in one delay message."""

from __future__ import annotations

import re

from plazo.core.check.dates import find_new_dates
from plazo.core.check.lexicon import LANGUAGES, Lexicon, Rule, load
from plazo.core.check.model import (
    ELEMENTS,
    WARNINGS,
    CheckError,
    CheckReport,
    ElementResult,
    Finding,
    Span,
)
from plazo.core.check.scopes import Scopes
from plazo.core.check.score import score
from plazo.core.check.text import Prepared, prepare

__all__ = ["check", "detect_language", "language_shares"]

_WORD = re.compile(r"[a-z\u00f1]+")
_BEFORE_WINDOW = 60
_AFTER_WINDOW = 60
_DEFAULT_MESSAGES = {
    "vague_timing": "Vague timing: give a concrete new date instead.",
    "blames_client": "This reads as blaming the client; own the delay instead.",
    "unknown_date": "No date is committed: give a new date, even a conservative one.",
}


def _stopword_counts(folded: str) -> dict[str, int]:
    counts = dict.fromkeys(LANGUAGES, 0)
    lexicons = [load(lang) for lang in LANGUAGES]
    for word in _WORD.findall(folded[:20_000]):
        for lex in lexicons:
            if word in lex.stopwords:
                counts[lex.lang] += 1
    return counts


def detect_language(folded: str) -> str:
    """The language whose stop words are most frequent in ``folded`` text."""
    counts = _stopword_counts(folded)
    best = max(LANGUAGES, key=lambda lang: counts[lang])
    if counts[best] == 0:
        raise CheckError("could not tell the language of the message; pass --lang es or --lang en")
    return best


def language_shares(text: str | bytes) -> dict[str, float]:
    """Share of each language's stop words in ``text`` (to warn about mixed-language messages)."""
    counts = _stopword_counts(prepare(text).folded)
    total = sum(counts.values()) or 1
    return {lang: count / total for lang, count in counts.items()}


def _matches(rule: Rule, lex: Lexicon, folded: str, scopes: Scopes) -> list[tuple[int, int]]:
    """Spans where ``rule`` matches and no scope (quote, negation, condition) rules it out."""
    if rule.find is None:
        return []
    spans: list[tuple[int, int]] = []
    for match in rule.find.finditer(folded):
        start, end = match.span()
        if end == start or (not rule.quotable and scopes.in_quote(start, end)):
            continue
        if rule.negatable and scopes.negated(folded, start, lex.negation):
            continue
        if rule.skip_hypothetical and scopes.hypothetical(folded, start, lex.hypothetical):
            continue
        if rule.not_before is not None:
            sentence_start, _ = scopes.sentence(start)
            left = max(sentence_start, start - _BEFORE_WINDOW)
            if rule.not_before.search(folded, left, start):
                continue
        if rule.not_after is not None:
            _, sentence_end = scopes.sentence(start)
            if rule.not_after.match(folded, end, min(sentence_end, end + _AFTER_WINDOW)):
                continue
        spans.append((start, end))
    return spans


def _span(prepared: Prepared, start: int, end: int) -> Span:
    text = prepared.visible[start:end]
    first, last = prepared.original(start, end)
    return Span(first, last, text)


def check(text: str | bytes, lang: str = "auto") -> CheckReport:
    """Check one delay message; raise CheckError when the input cannot be checked.

    1. Validate and prepare the text (HTML stripped, accents folded, offsets kept).
    2. Detect the language unless given, and load its lexicon.
    3. Match every rule within its scopes; dates are classified old or new.
    4. Vague timing only counts when no concrete new date was given.
    """
    if lang not in ("auto", *LANGUAGES):
        raise CheckError(f"unsupported language {lang!r}; use auto, es or en")
    prepared = prepare(text)
    folded = prepared.folded
    code = detect_language(folded) if lang == "auto" else lang
    lex = load(code)
    scopes = Scopes.of(prepared.visible)

    found = {
        name: _matches(rule, lex, folded, scopes)
        for name, rule in lex.rules.items()
        if name in ELEMENTS or name in WARNINGS or name == "owns_delay"
    }
    if found.pop("owns_delay", None):
        # A client-side event the sender takes responsibility for is not blame.
        found["blames_client"] = []
    # Dates in a sentence that withholds a date or blames the client are not the new date.
    blocked = [
        scopes.sentence(start)
        for name in ("unknown_date", "blames_client")
        for start, _ in found.get(name, [])
    ]
    found["new_date"] = find_new_dates(lex, folded, scopes, blocked)
    if found["new_date"]:
        found["vague_timing"] = []
    if found.get("blames_client") and not found.get("cause"):
        # Blaming the client still names a cause, just the wrong owner of it.
        found["cause"] = list(found["blames_client"])

    elements = {
        name: ElementResult(
            present=bool(found.get(name)),
            evidence=tuple(_span(prepared, s, e) for s, e in found.get(name, [])),
        )
        for name in ELEMENTS
    }
    warnings: list[Finding] = []
    for name in WARNINGS:
        rule = lex.rules.get(name)
        message = rule.message if rule is not None and rule.message else _DEFAULT_MESSAGES[name]
        for start, end in found.get(name, []):
            span = _span(prepared, start, end)
            warnings.append(Finding(name, span.start, span.end, span.text, message))
    warnings.sort(key=lambda f: (f.start, f.code))
    present = [name for name in ELEMENTS if elements[name].present]
    return CheckReport(
        lang=code,
        score=score(present, (f.code for f in warnings)),
        elements=elements,
        warnings=tuple(warnings),
    )
