"""Inputs whose value the browser can read whatever the interface language.

An ``<input type="date">`` takes only ``YYYY-MM-DD``: Django would write the active language's
first input format (``02/11/2026`` in Spanish), which Chromium shows as an empty box, refuses to
submit when required and posts blank when optional, so an untouched date was erased on save.
The browser shows the ISO value in its own locale; the field still parses every local format.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

__all__ = ["ISO_DAY", "DayInput", "number_value"]

ISO_DAY = "%Y-%m-%d"


class DayInput(forms.DateInput):
    """``<input type="date">`` with its value in ISO, and optional ``min``/``max`` days."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DAY)

    def bound(self, *, earliest: date | None = None, latest: date | None = None) -> None:
        """Set the days the browser's picker offers (the form still checks them)."""
        if earliest is not None:
            self.attrs["min"] = earliest.isoformat()
        if latest is not None:
            self.attrs["max"] = latest.isoformat()


def number_value(value: Decimal | float | int | None) -> str:
    """A ``type=number`` input's value: a dot decimal, no trailing zeros (``1.5``, ``10``)."""
    if value is None or value == "":
        return ""
    return format(Decimal(str(value)).normalize(), "f")
