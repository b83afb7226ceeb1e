"""Choices of country and time zone for the forms where a person picks one from a list."""

from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import available_timezones

import holidays
from django.utils import translation
from django.utils.translation import get_language, gettext

from plazo.core.country_names import country_names, folded

__all__ = [
    "country_choices",
    "holiday_country_choices",
    "region_choices",
    "time_zone_choices",
]

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


def country_choices() -> list[tuple[str, str]]:
    """Every country, by its name in the page's language: ("GB", "United Kingdom (GB)"), in the
    order a reader of that language expects (accents aside: Bélgica before Belice)."""
    language = (get_language() or "en").split("-")[0]
    return [(code, f"{name} ({code})") for code, name in country_names(language)]


def holiday_country_choices() -> list[tuple[str, str]]:
    """The countries of :func:`country_choices` that plazo has a holiday calendar for."""
    supported = holidays.list_supported_countries()
    return [choice for choice in country_choices() if choice[0] in supported]


# Regions the holiday library names by a word nobody uses on its own ("Valenciana"): their
# official names.
_REGION_NAMES = {("ES", "VC"): "Comunitat Valenciana"}
# A region's code: ISO 3166-2's part after the country ("VC", "NSW", "13"). The holiday library
# also lists a few local calendars by name (Barcelona, Stadt Zurich, Zone A), which are no region.
_REGION_CODE = re.compile(r"[A-Z0-9]{1,3}")


def region_choices(country: str) -> tuple[tuple[str, str], ...]:
    """The regions with their own holidays in ``country``: ("TX", "Texas (TX)"), by name; then
    the local calendars the holiday library has there ("Barcelona (local holidays)").

    The names are the holiday library's (often in the country's own language); a region it
    names nowhere is shown by its code.
    """
    return _region_choices(country.upper(), (get_language() or "en").split("-")[0])


@lru_cache(maxsize=256)
def _region_choices(country: str, language: str) -> tuple[tuple[str, str], ...]:
    codes = holidays.list_supported_countries().get(country, [])
    if not codes:
        return ()
    names: dict[str, str] = {}
    calendar = holidays.country_holidays(country)
    for name, code in getattr(type(calendar), "subdivisions_aliases", {}).items():
        names.setdefault(code, _REGION_NAMES.get((country, code), name))
    regions = [
        (code, f"{names[code]} ({code})" if code in names else code)
        for code in codes
        if _REGION_CODE.fullmatch(code)
    ]
    with translation.override(language):
        local = [
            (code, gettext("%(place)s (local holidays)") % {"place": code})
            for code in codes
            if not _REGION_CODE.fullmatch(code)
        ]
    return (*sorted(regions, key=_by_label), *sorted(local, key=_by_label))


def _by_label(choice: tuple[str, str]) -> tuple[str, str]:
    return folded(choice[1]), choice[1]


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
