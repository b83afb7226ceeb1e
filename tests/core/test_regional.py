"""Regional defaults follow from one another: country → currency, time zone, language, locale."""

from __future__ import annotations

import pytest

from plazo.core.calendar import has_holiday_calendar
from plazo.core.regional import (
    country_currency,
    country_language,
    country_name,
    country_time_zone,
    date_locale,
    month_first,
    time_zone_country,
    twelve_hour,
)


@pytest.mark.parametrize(
    ("country", "currency", "zone", "language"),
    [
        ("GB", "GBP", "Europe/London", "en"),
        ("IE", "EUR", "Europe/Dublin", "en"),
        ("US", "USD", "America/New_York", "en"),
        ("ES", "EUR", "Europe/Madrid", "es"),
        ("MX", "MXN", "America/Mexico_City", "es"),
        ("AU", "AUD", "Australia/Sydney", "en"),
    ],
)
def test_a_country_gives_its_currency_zone_and_language(
    country: str, currency: str, zone: str, language: str
) -> None:
    assert country_currency(country) == currency
    assert country_time_zone(country) == zone
    assert country_language(country) == language
    assert has_holiday_calendar(country)


def test_a_preferred_zone_wins_only_inside_the_country() -> None:
    assert country_time_zone("US", prefer="America/Chicago") == "America/Chicago"
    assert country_time_zone("GB", prefer="America/Chicago") == "Europe/London"


def test_zones_name_their_country_and_utc_none() -> None:
    assert time_zone_country("Europe/London") == "GB"
    assert time_zone_country("America/Mexico_City") == "MX"
    assert time_zone_country("UTC") is None
    assert time_zone_country("Etc/UTC") is None


def test_country_names_and_unknown_codes() -> None:
    assert country_name("GB") == "United Kingdom"
    assert country_name("MX", "es") == "México"
    assert country_name("ZZ") is None
    assert country_name("GBR") is None
    assert not has_holiday_calendar("EU")


@pytest.mark.parametrize(
    ("language", "country", "locale"),
    [("en", "GB", "en_GB"), ("en", "US", "en_US"), ("es", "MX", "es_MX"), ("es", "GB", "es")],
)
def test_the_date_locale_is_the_language_in_the_country(
    language: str, country: str, locale: str
) -> None:
    assert date_locale(language, country) == locale
    assert date_locale(language, "") == language


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en_US", True),
        ("en", True),
        ("en_GB", False),
        ("en_AU", False),
        ("es", False),
        ("es_MX", False),
        ("not-a-locale", False),
    ],
)
def test_a_locale_writes_the_month_first_as_cldr_says(locale: str, expected: bool) -> None:
    assert month_first(locale) is expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en_US", True),
        ("en_GB", False),
        ("en_IE", False),
        ("es_ES", False),
        ("es_AR", False),
        ("es_MX", True),
        ("fr_CA", False),  # "HH 'h' mm": the quoted h is no hour
        ("en", False),  # a language alone keeps the 24-hour clock
        ("not-a-locale", False),
    ],
)
def test_a_locale_tells_the_time_on_the_clock_cldr_says(locale: str, expected: bool) -> None:
    assert twelve_hour(locale) is expected
