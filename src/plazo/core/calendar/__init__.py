"""Working-day calendars: weekends, public holidays, closures, and effort turned into dates."""

from __future__ import annotations

from plazo.core.calendar.holiday_sets import (
    UnknownHolidayCalendar,
    has_holiday_calendar,
    public_holidays,
)
from plazo.core.calendar.local_day import local_day
from plazo.core.calendar.work_calendar import WorkCalendar

__all__ = [
    "UnknownHolidayCalendar",
    "WorkCalendar",
    "has_holiday_calendar",
    "local_day",
    "public_holidays",
]
