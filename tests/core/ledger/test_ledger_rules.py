"""The rules a new promised date and a delivery go through."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plazo.core.ledger import (
    Outcome,
    PromiseInPastError,
    PromiseWarning,
    outcome_on_delivery,
    validate_new_promise,
    weekday_working_days,
)

TODAY = date(2026, 11, 27)


def test_a_date_in_the_past_is_refused() -> None:
    with pytest.raises(PromiseInPastError, match="in the past"):
        validate_new_promise(TODAY - timedelta(days=1), today=TODAY, forecast_p50=None)


def test_the_refusal_speaks_spanish_too() -> None:
    with pytest.raises(PromiseInPastError, match="ya pasó"):
        validate_new_promise(date(2026, 11, 2), today=TODAY, forecast_p50=None, lang="es")


def test_today_and_dates_at_or_after_the_p50_pass_without_warnings() -> None:
    assert validate_new_promise(TODAY, today=TODAY, forecast_p50=None) == []
    assert (
        validate_new_promise(date(2026, 12, 4), today=TODAY, forecast_p50=date(2026, 12, 4)) == []
    )


def test_a_date_below_the_p50_warns_you_would_probably_slip_twice() -> None:
    (warning,) = validate_new_promise(
        date(2026, 12, 1), today=TODAY, forecast_p50=date(2026, 12, 4)
    )
    assert warning.code == "below_p50"
    assert "you would probably slip twice" in warning.message
    assert "Dec 4, 2026" in warning.message


def test_the_warning_in_spanish() -> None:
    warnings = validate_new_promise(
        date(2026, 12, 1), today=TODAY, forecast_p50=date(2026, 12, 4), lang="es"
    )
    assert warnings == [
        PromiseWarning(
            code="below_p50",
            message="La previsión da a 1 dic 2026 menos de un 50 % de probabilidades "
            "(su P50 es 4 dic 2026): probablemente habría que retrasarla otra vez.",
        )
    ]


def test_delivery_on_or_before_the_promise_is_kept_after_it_is_broken() -> None:
    promised = date(2026, 12, 4)
    assert outcome_on_delivery(promised, date(2026, 12, 3)) is Outcome.KEPT
    assert outcome_on_delivery(promised, promised) == "kept"
    assert outcome_on_delivery(promised, date(2026, 12, 5)) is Outcome.BROKEN


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 11, 23), date(2026, 11, 27), 4),  # Monday to Friday
        (date(2026, 11, 27), date(2026, 11, 27), 0),  # on the day
        (date(2026, 11, 28), date(2026, 11, 30), 1),  # Saturday to Monday
        (date(2026, 12, 1), date(2026, 11, 27), -2),  # Tuesday after a Friday deadline
        (date(2026, 11, 27), date(2026, 12, 4), 5),  # a whole week
    ],
)
def test_weekday_working_days_counts_monday_to_friday(
    start: date, end: date, expected: int
) -> None:
    assert weekday_working_days(start, end) == expected


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    span=st.integers(min_value=-60, max_value=60),
)
def test_weekday_working_days_agrees_with_counting_one_by_one(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    low, high = sorted((start, end))
    counted = sum(
        1 for offset in range(1, (high - low).days + 1) if (low + timedelta(offset)).weekday() < 5
    )
    assert weekday_working_days(start, end) == (counted if end >= start else -counted)
