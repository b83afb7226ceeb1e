"""Public holidays by country and subdivision, computed once per year and cached."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from plazo.core.errors import PlazoError

__all__ = ["UnknownHolidayCalendar", "has_holiday_calendar", "public_holidays"]


class UnknownHolidayCalendar(PlazoError):
    """The ``holidays`` package knows no such country or subdivision."""


@lru_cache(maxsize=512)
def _holidays_of_year(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    import holidays  # imported lazily: it is slow to import and many callers never need it

    try:
        table = holidays.country_holidays(country, subdiv=subdivision, years=year)
    except NotImplementedError as error:
        which = f"country {country!r}" + (f" subdivision {subdivision!r}" if subdivision else "")
        raise UnknownHolidayCalendar(f"no public-holiday calendar for {which}") from error
    except Exception as error:  # holidays raises NotImplementedError or ValueError for subdivisions
        raise UnknownHolidayCalendar(
            f"no public-holiday calendar for {country!r} subdivision {subdivision!r}: {error}"
        ) from error
    return frozenset(table.keys())


def public_holidays(
    country: str, subdivision: str | None, first_year: int, last_year: int
) -> frozenset[date]:
    """Every public holiday of ``country`` (and ``subdivision``) in the years given, inclusive."""
    days: set[date] = set()
    for year in range(first_year, last_year + 1):
        days |= _holidays_of_year(country.upper(), subdivision, year)
    return frozenset(days)


def has_holiday_calendar(country: str) -> bool:
    """Whether the ``holidays`` package has a public-holiday calendar for ``country`` (ISO 3166)."""
    import holidays

    return country.strip().upper() in holidays.list_supported_countries()
