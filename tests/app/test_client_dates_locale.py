"""A client's dates follow their country: a UK client reads "15 January 2027", a US one
"January 15, 2027" (W1); without a country, the organisation's decides."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from plazo.store.services.checkins.weekly import compose_weekly_update_for
from plazo.store.services.composing.inputs import client_locale
from tests.app.factories import (
    UTC,
    make_client,
    make_contact,
    make_item,
    make_org,
    make_project,
    make_user,
)
from tests.app.web.helpers import make_forecast, promise

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # a Monday


def _update_text(org_country: str, client_country: str) -> str:
    org = make_org(country=org_country, language="en", time_zone="Europe/London")
    client = make_client(org, language="en", country=client_country, time_zone="Europe/London")
    make_contact(client, name="Jane Hughes", email="jane@heritage.example")
    owner = make_user(org, first_name="Priya", email="priya@pixel.example")
    project = make_project(
        org, client, start_on=date(2026, 11, 2), capacity_hours_per_week=20, owner=owner
    )
    promise(project, date(2027, 1, 15), made_at=NOW - timedelta(days=30))
    project.refresh_from_db()
    make_item(project, title="Design", status="done", completed_on=date(2026, 11, 16))
    make_item(project, title="Build")
    make_forecast(project, created_at=NOW)
    return compose_weekly_update_for(project, now=NOW).text


def test_a_uk_client_reads_british_dates() -> None:
    text = _update_text("GB", "GB")
    assert "15 January 2027" in text
    assert "January 15, 2027" not in text


def test_a_us_client_of_a_uk_studio_reads_american_dates() -> None:
    text = _update_text("GB", "US")
    assert "January 15, 2027" in text


def test_a_client_without_a_country_follows_the_organisations() -> None:
    assert "15 January 2027" in _update_text("GB", "")


@pytest.mark.parametrize(
    ("language", "client_country", "org_country", "expected"),
    [
        ("en", "GB", "ES", "en_GB"),
        ("en", "US", "GB", "en_US"),
        ("en", "", "GB", "en_GB"),
        ("es", "MX", "GB", "es_MX"),
        ("es", "", "GB", "es"),  # CLDR knows no Spanish of the United Kingdom
    ],
)
def test_the_locale_is_the_language_in_the_clients_country(
    language: str, client_country: str, org_country: str, expected: str
) -> None:
    client = make_client(make_org(country=org_country), language=language, country=client_country)
    assert client_locale(client) == expected
