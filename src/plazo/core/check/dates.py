"""New-date detection: concrete dates and durations that are not the old deadline.

A date or duration is new unless the nearest cue before it (or one right after it) says it is the
old one. A named holiday or season (``occasions``: "para Navidad", "over Easter") is as often the
client's occasion or a busy season ("la campaña de Navidad", "en Navidad se acumulan los pedidos")
as a promised date, so it is new only when the nearest cue before it is a new one ("lo tendrás
para Navidad", "we'll ship by Christmas").
"""

from __future__ import annotations

from collections.abc import Iterable

from plazo.core.check.lexicon import Lexicon
from plazo.core.check.scopes import Scopes

__all__ = ["find_dates", "find_new_dates"]

# How far back in the sentence a cue may sit and still describe the date.
_CUE_WINDOW = 90
_AFTER_WINDOW = 40


def _inside(start: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in spans)


def _is_old(
    lex: Lexicon, folded: str, scopes: Scopes, start: int, end: int, needs_cue: bool = False
) -> bool:
    """True when the nearest cue before the date (or one right after it) says it is the old one,
    or, with ``needs_cue``, when no new cue is the nearest before it."""
    sentence_start, sentence_end = scopes.sentence(start)
    left = max(sentence_start, start - _CUE_WINDOW)
    last_old = max((m.end() for m in lex.old_date_cue.finditer(folded, left, start)), default=-1)
    last_new = max((m.end() for m in lex.new_date_cue.finditer(folded, left, start)), default=-1)
    if last_old >= 0 and last_old >= last_new:
        return True
    if last_new >= 0:
        return False
    if needs_cue:
        return True
    right = min(sentence_end, end + _AFTER_WINDOW)
    return lex.old_after_cue is not None and lex.old_after_cue.match(folded, end, right) is not None


def find_dates(lex: Lexicon, folded: str) -> list[tuple[int, int]]:
    """Every date and duration the patterns parse, old or new, in text order."""
    patterns = (
        (lex.date, lex.duration) if lex.occasion is None else (lex.date, lex.duration, lex.occasion)
    )
    spans = [
        match.span()
        for pattern in patterns
        for match in pattern.finditer(folded)
        if match.end() > match.start()
    ]
    spans.sort()
    return spans


def find_new_dates(
    lex: Lexicon,
    folded: str,
    scopes: Scopes,
    blocked_sentences: Iterable[tuple[int, int]],
    dates: Iterable[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """Spans of dates or durations offered as the new completion, in text order."""
    blocked = list(blocked_sentences)
    occasions = set() if lex.occasion is None else {m.span() for m in lex.occasion.finditer(folded)}
    spans: list[tuple[int, int]] = []
    for start, end in find_dates(lex, folded) if dates is None else dates:
        if scopes.in_quote(start, end) or _inside(start, blocked):
            continue
        if _is_old(lex, folded, scopes, start, end, (start, end) in occasions):
            continue
        spans.append((start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
