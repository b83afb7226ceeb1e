"""Working days, holidays, and effort turned into finish dates."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plazo.core.calendar import UnknownHolidayCalendar, WorkCalendar, public_holidays

MONDAY = date(2027, 3, 1)
SPAIN_MADRID = WorkCalendar("ES", "MD")


def test_forty_hours_at_forty_a_week_started_on_monday_finish_on_friday() -> None:
    assert WorkCalendar().finish_date(MONDAY, 40, 40) == date(2027, 3, 5)


def test_one_hour_more_spills_into_the_next_monday() -> None:
    assert WorkCalendar().finish_date(MONDAY, 41, 40) == date(2027, 3, 8)


def test_christmas_and_new_year_holidays_in_madrid_are_skipped() -> None:
    found = SPAIN_MADRID.finish_dates(date(2026, 12, 21), [0, 8, 40, 41, 80], 40)
    # 25 Dec, 1 Jan and 6 Jan are holidays: 40 h is 21-24 Dec plus Monday 28.
    assert [str(d) for d in found] == [
        "2026-12-21",
        "2026-12-21",
        "2026-12-28",
        "2026-12-29",
        "2027-01-05",
    ]


def test_zero_effort_on_a_weekend_finishes_on_the_next_working_day() -> None:
    assert WorkCalendar().finish_date(date(2027, 3, 6), 0, 40) == date(2027, 3, 8)


def test_a_friday_and_saturday_weekend_works_on_sunday() -> None:
    calendar = WorkCalendar(weekend=frozenset({4, 5}))
    assert calendar.finish_date(date(2027, 3, 4), 16, 40) == date(2027, 3, 7)


def test_closures_are_days_off() -> None:
    calendar = WorkCalendar(closures=frozenset({date(2027, 3, 2)}))
    assert calendar.finish_date(MONDAY, 16, 40) == date(2027, 3, 3)
    assert not calendar.is_working_day(date(2027, 3, 2))


def test_working_days_between_count_both_ends_and_skip_holidays() -> None:
    assert SPAIN_MADRID.working_days_between(date(2026, 12, 21), date(2027, 1, 8)) == 12
    assert WorkCalendar().working_days_between(MONDAY, MONDAY) == 1
    assert WorkCalendar().working_days_between(MONDAY, MONDAY - timedelta(days=1)) == 0


def test_capacity_until_a_date_is_hours_per_working_day_times_working_days() -> None:
    assert WorkCalendar().capacity_hours_until(MONDAY, date(2027, 3, 12), 20) == 40.0


def test_an_unknown_country_is_a_clear_error() -> None:
    with pytest.raises(UnknownHolidayCalendar, match="'XX'"):
        WorkCalendar("XX")


def test_holiday_sets_are_cached_per_year() -> None:
    assert public_holidays("ES", None, 2027, 2027) is not None
    assert date(2027, 1, 1) in public_holidays("es", None, 2027, 2027)


def test_an_effort_beyond_two_centuries_is_refused() -> None:
    with pytest.raises(ValueError, match="years"):
        WorkCalendar().finish_date(MONDAY, 1e9, 1)


efforts = st.lists(st.floats(0, 5_000, allow_nan=False), min_size=1, max_size=30)
starts = st.dates(date(2024, 1, 1), date(2030, 12, 31))
capacities = st.floats(1, 80)


@settings(max_examples=60, deadline=None)
@given(efforts=efforts, start=starts, capacity=capacities)
def test_holidays_and_weekends_are_never_finish_dates(
    efforts: list[float], start: date, capacity: float
) -> None:
    for day in SPAIN_MADRID.finish_dates(start, efforts, capacity):
        finished = day.astype(object)
        assert SPAIN_MADRID.is_working_day(finished)
        assert finished >= start


@settings(max_examples=60, deadline=None)
@given(efforts=efforts, start=starts, capacity=capacities)
def test_more_effort_never_finishes_earlier(
    efforts: list[float], start: date, capacity: float
) -> None:
    ordered = np.sort(np.array(efforts))
    found = SPAIN_MADRID.finish_dates(start, ordered, capacity)
    assert (np.diff(found.astype(np.int64)) >= 0).all()


@settings(max_examples=60, deadline=None)
@given(efforts=efforts, start=starts, capacity=capacities, extra=st.floats(0, 40))
def test_more_capacity_never_finishes_later(
    efforts: list[float], start: date, capacity: float, extra: float
) -> None:
    slower = SPAIN_MADRID.finish_dates(start, efforts, capacity)
    faster = SPAIN_MADRID.finish_dates(start, efforts, capacity + extra)
    assert (faster <= slower).all()
