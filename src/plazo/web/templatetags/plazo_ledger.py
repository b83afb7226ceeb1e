"""Filters for the ledger page: money in the active language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_currency
from django import template
from django.utils.translation import get_language, to_locale

__all__ = ["money", "quarter"]

register = template.Library()


@register.filter
def money(amount: Decimal | float | None, currency: str) -> str:
    """``1234.5|money:"EUR"`` → ``€1,234.50`` in English, ``1234,50 €`` in Spanish."""
    if amount is None:
        return ""
    return _money(amount, currency, get_language() or "en")


@lru_cache(maxsize=4096)
def _money(amount: Decimal | float, currency: str, language: str) -> str:
    # A large table repeats the same few amounts; Babel's formatting is the page's slowest filter.
    return str(format_currency(amount, currency, locale=to_locale(language)))


@register.filter
def quarter(day: date) -> int:
    """The calendar quarter (1–4) of ``day``."""
    return (day.month - 1) // 3 + 1
