"""The days off ahead of a project: the public holidays its forecast counts no work on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from plazo.core.calendar import UnknownHolidayCalendar
from plazo.core.calendar.holiday_names import named_holidays
from plazo.store.models import Project

__all__ = ["DaysOff", "days_off_ahead"]

# How far ahead the list looks: at least a season, further when the promise or the forecast's
# finish is later, never more than a year.
MIN_AHEAD = timedelta(days=92)
MAX_AHEAD = timedelta(days=366)


@dataclass(frozen=True)
class DaysOff:
    """The holidays on working weekdays from ``first`` to ``last``, named for the reader."""

    first: date
    last: date
    days: tuple[tuple[date, str], ...]


def days_off_ahead(
    project: Project, *, today: date, language: str, finish_on: date | None = None
) -> DaysOff | None:
    """The public holidays the project's forecast skips from ``today`` until its promise or
    ``finish_on`` (the forecast's P85), whichever is later, and at least three months ahead;
    None when the project has no holiday calendar."""
    if not project.country:
        return None
    later = max((d for d in (project.promised_on, finish_on) if d is not None), default=today)
    last = min(max(later, today + MIN_AHEAD), today + MAX_AHEAD)
    try:
        calendar = project.work_calendar()
        found = named_holidays(
            project.country, project.subdivision or None, today, last, language=language
        )
    except UnknownHolidayCalendar:
        return None
    days = tuple((day, name) for day, name in found if day.weekday() not in calendar.weekend)
    return DaysOff(first=today, last=last, days=days)
