"""Days as trackers' CSV exports write them: ISO 8601, or Jira's day, month name and year.

Jira exports dates in the site's *complete date/time format*, by default ``dd/MMM/yy h:mm a``
("24/Nov/26 4:10 PM"); admins commonly switch to ``dd/MMM/yyyy`` or to ISO. The formats read
(``EXPORT_DATE_EXAMPLES`` shows one of each):

1. ISO 8601: ``2026-11-24``, ``2026-11-24 16:10``, ``2026-11-24T16:10:00.000+0100`` (what the
   API gives; ``day_of`` reads those with a time zone).
2. Day, month name, year, separated by ``/``, ``-``, ``.`` or a space, optionally followed by a
   time: ``24/Nov/26``, ``24/Nov/26 4:10 PM``, ``24/Nov/2026 16:10``, ``24-nov-2026``. Month
   names are English or Spanish abbreviations (Jan/Ene … Dec/Dic), in any case, with or without
   a dot; a two-digit year is 2000–2069 below 70 and 1970–1999 from 70, as POSIX reads ``%y``.

The day is the one written: an export carries no time zone, so nothing is converted. Numeric
forms such as ``11/24/2026`` are refused: ``03/04/2026`` reads as March or April depending on
who exported it, and guessing would put tasks on the wrong day silently.
"""

from __future__ import annotations

import re
from datetime import date, datetime

__all__ = ["EXPORT_DATE_EXAMPLES", "export_day"]

EXPORT_DATE_EXAMPLES = ("2026-11-24", "24/Nov/26 4:10 PM", "24/Nov/2026 16:10")

_MONTHS = {
    "jan": 1, "ene": 1, "feb": 2, "mar": 3, "apr": 4, "abr": 4, "may": 5, "jun": 6, "jul": 7,
    "aug": 8, "ago": 8, "sep": 9, "set": 9, "oct": 10, "nov": 11, "dec": 12, "dic": 12,
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(
    r"(?P<day>\d{1,2})[/\-. ](?P<month>[^\W\d_]{3,4})\.?[/\-. ](?P<year>\d{4}|\d{2})"
    r"(?:[ ,T]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"\s*(?P<half>[ap]\.?\s?m\.?)?)?",
    re.IGNORECASE,
)


def export_day(text: str) -> date:
    """The day ``text`` gives in one of the formats above; ValueError when it is none of them."""
    try:
        return _day(text.strip())
    except ValueError:
        raise ValueError(f"not a date in an export format: {text!r}") from None


def _day(text: str) -> date:
    if text[:4].isdigit():
        return _iso_day(text)
    found = _DAY_MONTH_YEAR.fullmatch(text)
    if found is None:
        raise ValueError(text)
    month = _MONTHS.get(found["month"].lower()[:3])
    if month is None or (len(found["month"]) == 4 and found["month"].lower() != "sept"):
        raise ValueError(found["month"])
    if found["hour"] is not None:
        _check_time(int(found["hour"]), int(found["minute"]), found["half"])
    year = int(found["year"])
    if len(found["year"]) == 2:
        year += 2000 if year < 70 else 1900
    return date(year, month, int(found["day"]))  # ValueError for 31/Nov


def _iso_day(text: str) -> date:
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text).date()  # the day as written, in the exporter's clock


def _check_time(hour: int, minute: int, half: str | None) -> None:
    """A time is only a check here (the day is what counts), but 25:70 is not an export's."""
    top = 12 if half else 23
    if not (1 if half else 0) <= hour <= top or minute > 59:
        raise ValueError(f"{hour}:{minute:02d}")
