"""The one CSV writer for everything plazo exports: text can never become a spreadsheet formula.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and some
also after a tab or a carriage return (CWE-1236). A client named ``=HYPERLINK("http://evil", "x")``
would become a live link in the bookkeeper's sheet. Following OWASP's rule, every text cell that
starts with one of those characters gets a leading ``'``, which spreadsheets show as text and do
not display. Numbers (``int``, ``float``, ``Decimal``) are written as they are, so a negative
amount stays a number the sheet can add up; pass amounts as numbers, never as pre-formatted text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TextIO

__all__ = ["FORMULA_TRIGGERS", "SafeCsvWriter", "safe_cell"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | Decimal | date | datetime | None


def safe_cell(value: Cell) -> str | int | float | Decimal:
    """The value as it may go into a CSV cell: numbers untouched, text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


class SafeCsvWriter:
    """``csv.writer`` whose every cell goes through :func:`safe_cell` first."""

    def __init__(self, out: TextIO, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Cell]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Cell]]) -> None:
        for row in rows:
            self.writerow(row)
