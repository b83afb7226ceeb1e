"""A working-day calendar, and effort in hours turned into finish dates (vectorised)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from plazo.core.calendar.holiday_sets import public_holidays

__all__ = ["WorkCalendar"]

# 1970-01-01 (day 0 of datetime64[D]) was a Thursday: weekday 3 with Monday = 0.
_EPOCH_WEEKDAY = 3
_MAX_YEARS = 200  # a forecast further out than this is a data error, not a plan


@dataclass(frozen=True)
class WorkCalendar:
    """Working days: not a weekend day, not a public holiday, not a closure.

    ``weekend`` holds weekday numbers (Monday = 0); ``country``/``subdivision`` name a calendar of
    the ``holidays`` package (None: no public holidays); ``closures`` are extra days off.
    """

    country: str | None = None
    subdivision: str | None = None
    weekend: frozenset[int] = frozenset({5, 6})
    closures: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not self.weekend <= set(range(7)):
            raise ValueError(
                f"weekend days must be weekday numbers 0-6, got {sorted(self.weekend)}"
            )
        if len(self.weekend) == 7:
            raise ValueError("a calendar needs at least one working weekday")
        if self.country is not None:
            public_holidays(self.country, self.subdivision, 2000, 2000)  # fail early if unknown

    @property
    def working_weekdays_per_week(self) -> int:
        """How many weekdays are not weekend days."""
        return 7 - len(self.weekend)

    def hours_per_working_day(self, capacity_hours_per_week: float) -> float:
        """Capacity of one working day, spreading a week's hours over its working weekdays."""
        if not capacity_hours_per_week > 0:
            raise ValueError(f"capacity must be positive, got {capacity_hours_per_week} h/week")
        return capacity_hours_per_week / self.working_weekdays_per_week

    def is_working_day(self, day: date) -> bool:
        """True when work happens on ``day``."""
        if day.weekday() in self.weekend or day in self.closures:
            return False
        if self.country is None:
            return True
        return day not in public_holidays(self.country, self.subdivision, day.year, day.year)

    def next_working_day(self, day: date) -> date:
        """The first working day on or after ``day``."""
        days = _working_days(self, day.year, day.year + 1)
        return _as_date(days[np.searchsorted(days, np.datetime64(day, "D"))])

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days ``d`` with ``start <= d <= end`` (0 when ``end < start``)."""
        if end < start:
            return 0
        days = _working_days(self, start.year, end.year)
        lo = np.searchsorted(days, np.datetime64(start, "D"), side="left")
        hi = np.searchsorted(days, np.datetime64(end, "D"), side="right")
        return int(hi - lo)

    def capacity_hours_until(self, start: date, end: date, capacity_hours_per_week: float) -> float:
        """Hours of work available from ``start`` through ``end``, both included."""
        per_day = self.hours_per_working_day(capacity_hours_per_week)
        return per_day * self.working_days_between(start, end)

    def finish_dates(
        self, start: date, efforts_hours: ArrayLike, capacity_hours_per_week: float
    ) -> NDArray[np.datetime64]:
        """The working day each effort is finished on, working from ``start`` at full capacity.

        Zero effort finishes on the first working day on or after ``start``.
        """
        efforts = np.asarray(efforts_hours, dtype=np.float64)
        if efforts.size and (np.isnan(efforts).any() or efforts.min() < 0):
            raise ValueError("efforts must be non-negative numbers")
        per_day = self.hours_per_working_day(capacity_hours_per_week)
        largest = float(efforts.max()) if efforts.size else 0.0
        # Working days needed by the largest effort, with a little slack for rounding.
        needed = int(np.ceil(largest / per_day)) + 2
        years = max(1, int(needed / (52 * self.working_weekdays_per_week)) + 1)
        while True:
            if years > _MAX_YEARS:
                raise ValueError(
                    f"{largest:.0f} h at {capacity_hours_per_week} h/week ends more than "
                    f"{_MAX_YEARS} years after {start}"
                )
            days = _working_days(self, start.year, start.year + years)
            first = int(np.searchsorted(days, np.datetime64(start, "D")))
            if len(days) - first >= needed:
                break
            years *= 2
        capacity_through = per_day * np.arange(1, needed + 1, dtype=np.float64)
        # Capacity through day k is per_day*k; forgive float noise in an effort right at a boundary.
        index = np.searchsorted(capacity_through, efforts * (1 - 1e-12), side="left")
        result: NDArray[np.datetime64] = days[first + index]
        return result

    def finish_date(self, start: date, effort_hours: float, capacity_hours_per_week: float) -> date:
        """The working day ``effort_hours`` of work started on ``start`` is finished on."""
        return _as_date(self.finish_dates(start, [effort_hours], capacity_hours_per_week)[0])


def _as_date(day: np.datetime64) -> date:
    value = day.astype("datetime64[D]").astype(object)
    assert isinstance(value, date)
    return value


@lru_cache(maxsize=256)
def _working_days(
    calendar: WorkCalendar, first_year: int, last_year: int
) -> NDArray[np.datetime64]:
    """Sorted working days of the years given (inclusive), cached per calendar."""
    first = np.datetime64(f"{first_year:04d}-01-01", "D")
    last = np.datetime64(f"{last_year + 1:04d}-01-01", "D")
    days = np.arange(first, last, dtype="datetime64[D]")
    weekday = (days.astype(np.int64) + _EPOCH_WEEKDAY) % 7
    keep = ~np.isin(weekday, sorted(calendar.weekend))
    off = set(calendar.closures)
    if calendar.country is not None:
        off |= public_holidays(calendar.country, calendar.subdivision, first_year, last_year)
    if off:
        keep &= ~np.isin(days, np.array(sorted(off), dtype="datetime64[D]"))
    result = days[keep]
    result.setflags(write=False)
    return result
