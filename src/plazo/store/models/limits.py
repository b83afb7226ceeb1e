"""The domain's limits: what no door (API, admin, CSV import, web forms) may let in.

Each ``*_problem`` function takes a plain value and returns what is wrong with it in a few words
("must be …"), or None; the doors word it their own way (a 422 naming the field, a form error,
``FILE:LINE:COL``). The ``validate_*`` functions are the same rules as Django validators, attached
to the model fields, so a ``ModelForm`` (the admin, the web forms) refuses them with no extra code;
:func:`project_problems` and :func:`work_item_problems` are the rules that span fields, which the
models' ``clean()`` and the services both call.

The limits, and why:

- days from 2000-01-01 to 2100-12-31 (fixed, not relative to today, so a row valid today stays
  valid; the holiday calendars and the forecaster's 200-year horizon fit inside);
- an estimate (or actual effort) of one item at most 10,000 hours (five person-years), a
  capacity from 1 to 10,000 hours a week: beyond them a forecast runs off the calendar;
- time zones of the IANA ``Area/Location`` form, or ``UTC``: not ``Factory``, ``localtime``,
  POSIX-style ``EST5EDT`` or ``Etc/GMT+5`` (whose sign is the opposite of what people expect);
- a holiday calendar (country, subdivision) that the ``holidays`` package has;
- text without NUL characters or unpaired surrogates, which PostgreSQL cannot store.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop as noop

__all__ = [
    "EARLIEST_DAY",
    "LATEST_DAY",
    "MAX_CAPACITY_HOURS_PER_WEEK",
    "MAX_ITEM_HOURS",
    "MIN_CAPACITY_HOURS_PER_WEEK",
    "Wrong",
    "capacity_problem",
    "day_problem",
    "holiday_calendar_problem",
    "hours_problem",
    "project_problems",
    "text_problem",
    "time_zone_problem",
    "validate_capacity",
    "validate_day",
    "validate_estimate_hours",
    "validate_hours",
    "validate_text",
    "validate_time_zone",
    "work_item_problems",
]

EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2100, 12, 31)
MAX_ITEM_HOURS = Decimal("10000")
MIN_CAPACITY_HOURS_PER_WEEK = Decimal("1")
MAX_CAPACITY_HOURS_PER_WEEK = Decimal("10000")

_AREAS = "Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific"
_CANONICAL_ZONE = re.compile(rf"^(?:{_AREAS})/[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)?$")


class Wrong(str):
    """What is wrong, in English, that keeps its message-catalogue entry and values apart, so a
    page can say it in its reader's language (``gettext(wrong.template) % wrong.params``) while
    every other door keeps the plain English string it always had."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Wrong:
        wrong = super().__new__(cls, template % params if params else template)
        wrong.template = template
        wrong.params = params
        return wrong


@cache
def _available_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def day_problem(value: date) -> str | None:
    """A day outside 2000-01-01 … 2100-12-31."""
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        return Wrong(noop("must be from 2000-01-01 to 2100-12-31"))
    return None


def hours_problem(value: Decimal, *, positive: bool = False) -> str | None:
    """Hours of one item: not negative (positive for estimates), at most 10,000."""
    if not value.is_finite():
        return Wrong(noop("must be a number of hours"))
    if positive and value <= 0:
        return Wrong(noop("must be more than 0 hours"))
    if value < 0:
        return Wrong(noop("must not be negative"))
    if value > MAX_ITEM_HOURS:
        return Wrong(noop("must be at most 10,000 hours (split bigger work into items)"))
    return None


def capacity_problem(value: Decimal) -> str | None:
    """Hours a week from 1 to 10,000."""
    if not value.is_finite() or not (
        MIN_CAPACITY_HOURS_PER_WEEK <= value <= MAX_CAPACITY_HOURS_PER_WEEK
    ):
        return Wrong(noop("must be from 1 to 10,000 hours a week"))
    return None


def time_zone_problem(name: str) -> str | None:
    """Not ``UTC`` nor a known ``Area/Location`` zone."""
    if name == "UTC" or (_CANONICAL_ZONE.match(name) and name in _available_zones()):
        return None
    return Wrong(noop("must be UTC or a time zone such as Europe/Madrid or America/Mexico_City"))


def text_problem(value: str) -> str | None:
    """A NUL character or an unpaired surrogate, which PostgreSQL cannot store."""
    if "\x00" in value:
        return Wrong(noop("must not contain NUL characters"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return Wrong(noop("must be valid Unicode text (it holds an unpaired surrogate)"))
    return None


def holiday_calendar_problem(country: str, subdivision: str) -> tuple[str, str] | None:
    """``(field, problem)`` when the ``holidays`` package has no such calendar."""
    from plazo.core.calendar import UnknownHolidayCalendar, public_holidays

    if not (len(country) == 2 and country.isascii() and country.isalpha()):
        return "country", Wrong(noop("must be a 2-letter country code such as ES"))
    if text_problem(subdivision):
        return "subdivision", Wrong(noop("must be a subdivision code such as MD"))
    try:
        public_holidays(country, None, 2026, 2026)
    except UnknownHolidayCalendar:
        return "country", Wrong(
            noop("has no public-holiday calendar (%(country)s is not a known country)"),
            country=repr(country),
        )
    if subdivision:
        try:
            public_holidays(country, subdivision, 2026, 2026)
        except UnknownHolidayCalendar:
            return "subdivision", Wrong(
                noop("is not a subdivision of %(country)s with a holiday calendar"),
                country=country,
            )
    return None


# A day before another column's: ``other`` names that column (the file's name for it, which an
# import page replaces with its own label for it), ``day`` gives its value.
_BEFORE = noop("must not be before %(other)s (%(day)s)")


def project_problems(values: dict[str, Any]) -> list[tuple[str, str]]:
    """The rules of a project that span fields, as ``(field, problem)``."""
    problems: list[tuple[str, str]] = []
    country, subdivision = values.get("country"), values.get("subdivision") or ""
    if country:
        calendar = holiday_calendar_problem(country, subdivision)
        if calendar:
            problems.append(calendar)
    start_on = values.get("start_on")
    for field in ("promised_on", "delivered_on"):
        day = values.get(field)
        if start_on and day and day < start_on:
            problems.append((field, Wrong(_BEFORE, other="start_on", day=start_on)))
    return problems


def work_item_problems(values: dict[str, Any]) -> list[tuple[str, str]]:
    """The rules of a work item that span fields, as ``(field, problem)``."""
    problems: list[tuple[str, str]] = []
    added_on = values.get("added_on")
    for field in ("started_on", "completed_on", "removed_on"):
        day = values.get(field)
        if added_on and day and day < added_on:
            problems.append((field, Wrong(_BEFORE, other="added_on", day=added_on)))
    started_on, completed_on = values.get("started_on"), values.get("completed_on")
    if started_on and completed_on and completed_on < started_on:
        problems.append(("completed_on", Wrong(_BEFORE, other="started_on", day=started_on)))
    return problems


# The fixed texts above name the limits; they are written out so the catalogue has them.
assert f"{MAX_ITEM_HOURS:,}" == "10,000" == f"{MAX_CAPACITY_HOURS_PER_WEEK:,}"
assert (EARLIEST_DAY.isoformat(), LATEST_DAY.isoformat()) == ("2000-01-01", "2100-12-31")
assert MIN_CAPACITY_HOURS_PER_WEEK == 1


def _validator(problem: str | None) -> None:
    if problem:
        raise ValidationError(problem)


def validate_day(value: date) -> None:
    """Django validator of :func:`day_problem`."""
    _validator(day_problem(value))


def validate_hours(value: Decimal) -> None:
    """Django validator of :func:`hours_problem` (zero allowed: actual effort)."""
    _validator(hours_problem(value))


def validate_estimate_hours(value: Decimal) -> None:
    """Django validator of :func:`hours_problem` for estimates (more than zero)."""
    _validator(hours_problem(value, positive=True))


def validate_capacity(value: Decimal) -> None:
    """Django validator of :func:`capacity_problem`."""
    _validator(capacity_problem(value))


def validate_time_zone(value: str) -> None:
    """Django validator of :func:`time_zone_problem`."""
    _validator(time_zone_problem(value))


def validate_text(value: str) -> None:
    """Django validator of :func:`text_problem`."""
    _validator(text_problem(value))
