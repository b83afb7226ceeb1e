"""Counting working days, Monday to Friday, without a calendar of holidays."""

from __future__ import annotations

from datetime import date

__all__ = ["weekday_working_days"]


def _weekdays_through(day: date) -> int:
    # Ordinal 1 (0001-01-01) is a Monday, so every block of 7 ordinals holds exactly 5 weekdays.
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def weekday_working_days(start: date, end: date) -> int:
    """Working days (Mon–Fri) in ``(start, end]``; negative, mirrored, when ``end`` is earlier.

    Monday to Friday of one week is 4; a deadline on the day of the notice is 0; a notice on the
    Tuesday after a Friday deadline is -2.
    """
    return _weekdays_through(end) - _weekdays_through(start)
