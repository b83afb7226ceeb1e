"""Regional defaults that follow from one another: a country's currency, time zone and language,
the country of a time zone, and the CLDR locale dates are written in for a language and country.

Everything comes from CLDR (through Babel), so a country is an ISO 3166 code ("GB", "MX") and a
time zone an IANA name ("Europe/London"). A country with several time zones starts in its
capital's (:data:`CAPITAL_TIME_ZONES`); the caller may prefer another of that country's zones
(the machine's, say).
"""

from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import available_timezones

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import get_territory_currencies

__all__ = [
    "CAPITAL_TIME_ZONES",
    "VOSEO_COUNTRIES",
    "country_currency",
    "country_language",
    "country_name",
    "country_register",
    "country_time_zone",
    "date_locale",
    "month_first",
    "time_zone_country",
    "twelve_hour",
]

# Where a country with more than one time zone starts (its capital's); a country with one zone
# starts in it, whatever this table says.
CAPITAL_TIME_ZONES = {
    "ES": "Europe/Madrid",
    "PT": "Europe/Lisbon",
    "DE": "Europe/Berlin",
    "FR": "Europe/Paris",
    "NL": "Europe/Amsterdam",
    "US": "America/New_York",
    "CA": "America/Toronto",
    "MX": "America/Mexico_City",
    "AR": "America/Argentina/Buenos_Aires",
    "CL": "America/Santiago",
    "EC": "America/Guayaquil",
    "BR": "America/Sao_Paulo",
    "AU": "Australia/Sydney",
    "NZ": "Pacific/Auckland",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "KZ": "Asia/Almaty",
    "ID": "Asia/Jakarta",
    "CN": "Asia/Shanghai",
    "MY": "Asia/Kuala_Lumpur",
    "CD": "Africa/Kinshasa",
    "MN": "Asia/Ulaanbaatar",
}

# Countries whose clients a studio most likely writes to in Spanish (plazo's other language).
_SPANISH_SPEAKING = frozenset(
    {"ES", "MX", "AR", "CO", "CL", "PE", "VE", "EC", "GT", "CU", "BO"}
    | {"DO", "HN", "PY", "SV", "NI", "CR", "PA", "UY", "PR", "GQ"}
)


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def country_name(country: str, language: str = "en") -> str | None:
    """The country's name in ``language`` ("United Kingdom"), or None for an unknown code."""
    try:
        names = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        names = Locale.parse("en").territories
    code = country.strip().upper()
    if len(code) != 2 or not code.isalpha() or code == "ZZ":  # ZZ is CLDR's "Unknown Region"
        return None
    return names.get(code)


def country_currency(country: str) -> str | None:
    """The currency the country uses today ("GB" → "GBP"), or None if CLDR knows none."""
    try:
        currencies = get_territory_currencies(country.strip().upper())
    except Exception:  # an unknown territory
        return None
    return currencies[0] if currencies else None


def country_time_zone(country: str, prefer: str | None = None) -> str | None:
    """The time zone an organisation or client in ``country`` starts in, or None if unknown.

    ``prefer`` (the machine's zone, say) wins when it is one of the country's zones; otherwise the
    country's only zone, else its capital's (:data:`CAPITAL_TIME_ZONES`), else its first in CLDR.
    """
    code = country.strip().upper()
    zones: list[str] = [z for z in get_global("territory_zones").get(code, ()) if z in _zones()]
    if prefer and prefer in zones:
        return prefer
    if len(zones) == 1:
        return zones[0]
    capital = CAPITAL_TIME_ZONES.get(code)
    if capital is not None and capital in _zones():
        return capital
    return zones[0] if zones else None


def time_zone_country(zone: str) -> str | None:
    """The country of an IANA time zone ("Europe/London" → "GB"), or None (UTC, Etc/…)."""
    country = get_global("zone_territories").get(zone.strip())
    # CLDR files UTC and the Etc/ zones under "ZZ" or "001": no country at all.
    return str(country) if country and country not in ("001", "ZZ") else None


def country_language(country: str) -> str:
    """plazo's language most clients in ``country`` read: "es" if Spanish-speaking, else "en"."""
    return "es" if country.strip().upper() in _SPANISH_SPEAKING else "en"


# Where Spanish speakers write to one another with vos (voseo) in everyday business mail.
VOSEO_COUNTRIES = frozenset({"AR", "UY", "PY"})


def country_register(language: str, country: str) -> str | None:
    """The register ``country``'s clients of ``language`` are usually written in, when the
    country alone says it: "vos" for Spanish in Argentina, Uruguay and Paraguay; else None."""
    if language == "es" and country.strip().upper() in VOSEO_COUNTRIES:
        return "vos"
    return None


@lru_cache(maxsize=256)
def date_locale(language: str, country: str = "") -> str:
    """The CLDR locale dates and numbers are written in for a reader of ``language`` in ``country``.

    English in the United Kingdom is ``en_GB`` ("29 January 2027"), in the United States ``en_US``
    ("January 29, 2027"); Spanish in Mexico ``es_MX``. A pair CLDR does not know (Spanish in
    Germany), or no country, is the language's own locale (``en`` writes American dates).
    """
    code = country.strip().upper()
    if len(code) == 2 and code.isalpha():
        candidate = f"{language}_{code}"
        try:
            Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            return language
        return candidate
    return language


@lru_cache(maxsize=256)
def month_first(locale: str) -> bool:
    """Whether ``locale`` writes the month before the day ("Jan 29, 2027" in ``en_US``, not
    "29 Jan 2027" in ``en_GB``), as its CLDR medium date pattern does."""
    try:
        pattern = str(Locale.parse(locale).date_formats["medium"].pattern)
    except (UnknownLocaleError, ValueError):
        return False
    return pattern.find("M") < pattern.find("d")


_QUOTED = re.compile(r"'[^']*'")


@lru_cache(maxsize=256)
def twelve_hour(locale: str) -> bool:
    """Whether ``locale`` tells the time on a 12-hour clock ("3:30 PM" in ``en_US``, "15:30" in
    ``en_GB`` and ``es_ES``), as its CLDR short time pattern does (``h`` or ``K``, outside quoted
    text such as French Canada's ``HH 'h' mm``). A language alone (``en``: a country CLDR has
    no locale for, see :func:`date_locale`) keeps the 24-hour clock: the 12-hour one is a
    country's habit, not a language's."""
    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return False
    if not parsed.territory:
        return False
    pattern = str(parsed.time_formats["short"].pattern)
    hours = _QUOTED.sub("", pattern)
    return "h" in hours or "K" in hours
