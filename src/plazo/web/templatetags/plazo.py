"""Filters for the dashboard templates: translated labels, dates and percentages, memoised.

The portfolio prints thousands of these; the same few labels and dates repeat, so each is formatted
once per language (and time zone) instead of once per cell.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import number_format
from django.utils.translation import get_language

from plazo.web.labels import LABELS

__all__ = ["day", "label", "moment", "percent"]

register = template.Library()


@register.filter
def label(code: str, group: str) -> str:
    """The translated word for ``code`` in ``group`` (e.g. ``"at_risk"|label:"health"``)."""
    return _label(code, group, get_language())


@lru_cache(maxsize=512)
def _label(code: str, group: str, language: str | None) -> str:
    return str(LABELS.get(group, {}).get(code, code))


@register.filter
def day(value: date | datetime | None, pattern: str = "j M Y") -> str:
    """A date (or the local date of an instant) in the active language; empty when missing."""
    if not isinstance(value, date):
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return _format(value, pattern, get_language())


@register.filter
def moment(value: datetime | None, pattern: str = "j M Y H:i") -> str:
    """An instant in the current time zone and the active language, to the minute."""
    if not isinstance(value, datetime):
        return ""
    local = timezone.localtime(value).replace(second=0, microsecond=0, tzinfo=None)
    return _format(local, pattern, get_language())


@lru_cache(maxsize=4096)
def _format(value: date, pattern: str, language: str | None) -> str:
    return str(format_date(value, pattern))


@register.filter
def percent(share: object) -> str:
    """``0.734`` → ``73 %``-style text in the active locale; empty when unknown."""
    if not isinstance(share, float | int):  # None, or "" from a missing forecast
        return ""
    return f"{number_format(round(share * 100))} %"
