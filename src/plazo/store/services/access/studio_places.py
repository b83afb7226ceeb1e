"""Where a new studio is: its country, currency, time zone and clients' language.

The one rule for ``plazo init`` and the ``/setup/`` form. The defaults follow from one another
(``plazo.core.regional``): the country from the machine (the ``TIME_ZONE`` environment variable
that ``plazo serve`` reads, else ``/etc/localtime``, else the territory of ``LANG``, else Spain),
then GB → GBP, Europe/London and English. A country changed later takes the currency, time zone
and language along, except those the person chose. Each answer has one check, whose sentence the
terminal prints and the form shows (translated).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import available_timezones

from django.utils.translation import gettext as _

from plazo.core.calendar import has_holiday_calendar
from plazo.core.regional import (
    country_currency,
    country_language,
    country_name,
    country_time_zone,
    time_zone_country,
)

__all__ = [
    "FALLBACK_COUNTRY",
    "FOLLOWS_COUNTRY",
    "LANGUAGES",
    "StudioPlace",
    "chosen_by_hand",
    "country_problem",
    "currency_problem",
    "follow_country",
    "language_problem",
    "machine_country",
    "machine_time_zone",
    "place_defaults",
    "time_zone_problem",
    "zone_name",
]

FALLBACK_COUNTRY = "ES"  # nothing given and nothing on the machine to go by (plazo's first home)
LANGUAGES = {"en": "English", "es": "Español"}
FOLLOWS_COUNTRY = ("currency", "time_zone", "language")


@dataclass(frozen=True)
class StudioPlace:
    """A studio's country (public holidays), currency, time zone and clients' language."""

    country: str
    currency: str
    time_zone: str
    language: str


def machine_time_zone(environ: Mapping[str, str] = os.environ) -> str | None:
    """The machine's IANA time zone: ``TIME_ZONE``, else where ``/etc/localtime`` points."""
    named = environ.get("TIME_ZONE", "").strip()
    if named:
        return named if named in available_timezones() else None
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return None
    _before, found, zone = target.partition("/zoneinfo/")
    return zone if found and zone in available_timezones() else None


def machine_country(environ: Mapping[str, str] = os.environ) -> str | None:
    """The machine's country: its time zone's, else the territory of ``LANG`` (``en_GB.UTF-8``)."""
    zone = machine_time_zone(environ)
    if zone and (country := time_zone_country(zone)):
        return country
    for variable in ("LC_ALL", "LC_TIME", "LANG"):
        territory = environ.get(variable, "").split(".")[0].partition("_")[2]
        if territory and country_name(territory):
            return territory.upper()
    return None


def place_defaults(
    *,
    country: str | None = None,
    currency: str | None = None,
    time_zone: str | None = None,
    language: str | None = None,
) -> StudioPlace:
    """What is given, the rest following from the country (and it from the machine)."""
    country = (country or machine_country() or FALLBACK_COUNTRY).strip().upper()
    return StudioPlace(
        country=country,
        currency=(currency or country_currency(country) or "").strip().upper(),
        time_zone=time_zone or country_time_zone(country, prefer=machine_time_zone()) or "UTC",
        language=language or country_language(country),
    )


def follow_country(place: StudioPlace, country: str, *, kept: Collection[str] = ()) -> StudioPlace:
    """``place`` in another country: its currency, time zone and language follow the new
    country's, except the ones named in ``kept`` (given on the command line, or changed by hand
    in the form)."""
    if country == place.country:
        return place
    new = place_defaults(country=country)
    return replace(
        place,
        country=country,
        **{field: getattr(new, field) for field in FOLLOWS_COUNTRY if field not in kept},
    )


def chosen_by_hand(place: StudioPlace, defaults_country: str) -> set[str]:
    """The fields of ``place`` that differ from what ``defaults_country`` gives (a person's own
    choice, which a change of country keeps)."""
    defaults = place_defaults(country=defaults_country)
    return {f for f in FOLLOWS_COUNTRY if getattr(place, f) != getattr(defaults, f)}


# --- checks: None when the answer is fine, else the sentence to show ---------------------------


def country_problem(value: str) -> str | None:
    if len(value) != 2 or not value.isalpha():
        return _("Type your country's two-letter code (ISO 3166), such as GB, IE, US, ES or MX.")
    if not has_holiday_calendar(value):
        return _(
            "plazo has no public-holiday calendar for %(country)s; type another country's code."
        ) % {"country": value}
    return None


def currency_problem(value: str) -> str | None:
    if len(value) == 3 and value.isascii() and value.isalpha():
        return None
    return _("Type a three-letter currency code (ISO 4217), such as GBP, EUR or USD.")


# A second example for a country that spans several time zones, so the hint reads as the
# owner's own country ("America/New_York or America/Chicago"), not as one city of it.
OTHER_ZONE_EXAMPLES = {
    "US": "America/Chicago",
    "CA": "America/Vancouver",
    "MX": "America/Tijuana",
    "BR": "America/Manaus",
    "AU": "Australia/Perth",
}


def time_zone_problem(value: str, country: str = "") -> str | None:
    """``country``: the one just chosen, whose time zones the sentence gives as examples."""
    if value in available_timezones():
        return None
    code = country.strip().upper()
    example = (country_time_zone(code) if code else None) or "Europe/London"
    other = OTHER_ZONE_EXAMPLES.get(code)
    if other and other != example:
        return _(
            "'%(zone)s' is not a time zone; type an IANA name such as %(example)s or %(other)s."
        ) % {"zone": value, "example": example, "other": other}
    return _("'%(zone)s' is not a time zone; type an IANA name such as %(example)s.") % {
        "zone": value,
        "example": example,
    }


def language_problem(value: str) -> str | None:
    return None if value in LANGUAGES else _("Type en (English) or es (Spanish).")


def zone_name(value: str) -> str:
    """A time zone typed in any case, as IANA spells it (``europe/london`` → ``Europe/London``)."""
    by_lower = {zone.lower(): zone for zone in available_timezones()}
    return by_lower.get(value.strip().lower(), value.strip())
