"""Choices of country and time zone for the forms where a person picks one from a list."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

import holidays
from babel import Locale
from django.utils.translation import get_language

__all__ = [
    "country_choices",
    "holiday_country_choices",
    "region_choices",
    "time_zone_choices",
]

# CLDR territories that are no country (regions, test codes, "Unknown Region").
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
# IANA's own top-level areas; the other names are old aliases (US/Eastern, GB, Etc/GMT+3…).
_AREAS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


@lru_cache(maxsize=8)
def _countries(language: str) -> tuple[tuple[str, str], ...]:
    names = Locale.parse(language).territories
    found = [
        (code, f"{name} ({code})")
        for code, name in names.items()
        if isinstance(code, str)
        and len(code) == 2
        and code.isalpha()
        and code not in _NOT_COUNTRIES
    ]
    return tuple(sorted(found, key=lambda choice: choice[1].casefold()))


def country_choices() -> list[tuple[str, str]]:
    """Every country, by its name in the page's language: ("GB", "United Kingdom (GB)")."""
    language = (get_language() or "en").split("-")[0]
    try:
        return list(_countries(language))
    except (ValueError, LookupError):
        return list(_countries("en"))


def holiday_country_choices() -> list[tuple[str, str]]:
    """The countries of :func:`country_choices` that plazo has a holiday calendar for."""
    supported = holidays.list_supported_countries()
    return [choice for choice in country_choices() if choice[0] in supported]


@lru_cache(maxsize=256)
def region_choices(country: str) -> tuple[tuple[str, str], ...]:
    """The regions with their own holidays in ``country``: ("TX", "Texas (TX)"), by name.

    The names are the holiday library's (often in the country's own language); a region it
    names nowhere is shown by its code.
    """
    codes = holidays.list_supported_countries().get(country.upper(), [])
    if not codes:
        return ()
    names: dict[str, str] = {}
    calendar = holidays.country_holidays(country.upper())
    for name, code in getattr(type(calendar), "subdivisions_aliases", {}).items():
        names.setdefault(code, name)
    labelled = [(code, f"{names[code]} ({code})" if code in names else code) for code in codes]
    return tuple(sorted(labelled, key=lambda choice: choice[1].casefold()))


@lru_cache(maxsize=1)
def _zones() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    names = sorted(
        zone for zone in available_timezones() if zone.split("/")[0] in _AREAS and "/" in zone
    )
    grouped = [
        (
            area,
            tuple(
                (z, z.partition("/")[2].replace("_", " "))
                for z in names
                if z.startswith(area + "/")
            ),
        )
        for area in _AREAS
    ]
    return (("UTC", (("UTC", "UTC"),)), *grouped)


def time_zone_choices() -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """Every IANA time zone, grouped by area ("Europe" → "London"); UTC first."""
    return list(_zones())
