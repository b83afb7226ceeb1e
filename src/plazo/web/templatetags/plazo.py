"""Filters for the dashboard templates: translated labels of codes, and percentages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from plazo.web.labels import LABELS

__all__ = ["label", "percent"]

register = template.Library()


@register.filter
def label(code: str, group: str) -> str:
    """The translated word for ``code`` in ``group`` (e.g. ``"at_risk"|label:"health"``)."""
    return str(LABELS.get(group, {}).get(code, code))


@register.filter
def percent(share: object) -> str:
    """``0.734`` → ``73 %``-style text in the active locale; empty when unknown."""
    if not isinstance(share, float | int):  # None, or "" from a missing forecast
        return ""
    return f"{number_format(round(share * 100))} %"
