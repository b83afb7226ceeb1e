"""The dashboard and the status page write dates as the e-mails do: the reader's language in
their country (W1). A US studio's dashboard reads "Jan 29, 2027", a UK one "29 Jan 2027"; a
client's status page follows the client's country, else the organisation's."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from django.core.cache import cache
from django.test import Client as HttpClient
from django.utils import timezone, translation

from plazo.store.models import Message
from plazo.store.services.access.status_pages import ensure_status_page
from plazo.store.services.composing.inputs import client_locale
from plazo.web import reading_locale
from plazo.web.templatetags.plazo import day, moment
from tests.app.factories import make_client, make_item, make_message, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, promise

pytestmark = pytest.mark.django_db
PROMISED = date(2027, 1, 29)


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _project(org_country: str, client_country: str = "", language: str = "en") -> object:
    org = make_org(country=org_country, language=language, time_zone="America/Chicago")
    client = make_client(org, language=language, country=client_country)
    project = make_project(org, client, start_on=timezone.localdate() - timedelta(days=20))
    make_item(project, status="done", completed_on=project.start_on + timedelta(days=2))
    promise(project, PROMISED)
    make_forecast(project)
    return project


def test_a_us_studios_dashboard_writes_the_month_first() -> None:
    project = _project("US")
    browser, _ = browser_for(project.organisation)

    portfolio = browser.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    page = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    for body in (portfolio, page):
        assert "Jan 29, 2027" in body
        assert "29 Jan 2027" not in body


def test_a_uk_studios_dashboard_writes_the_day_first() -> None:
    project = _project("GB")
    browser, _ = browser_for(project.organisation)

    body = browser.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "29 Jan 2027" in body
    assert "Jan 29, 2027" not in body


def test_a_us_studio_read_in_spanish_writes_spanish_dates() -> None:
    project = _project("US")
    browser, _ = browser_for(project.organisation)

    body = browser.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "29 ene 2027" in body


@pytest.mark.parametrize(
    ("org_country", "client_country", "expected", "not_expected"),
    [
        ("GB", "US", "Jan 29, 2027", "29 Jan 2027"),  # the client's country wins
        ("US", "GB", "29 Jan 2027", "Jan 29, 2027"),
        ("US", "", "Jan 29, 2027", "29 Jan 2027"),  # no country: the organisation's
    ],
)
def test_the_status_page_writes_dates_as_the_clients_emails_do(
    org_country: str, client_country: str, expected: str, not_expected: str
) -> None:
    project = _project(org_country, client_country)
    page = ensure_status_page(project, now=timezone.now())

    body = HttpClient().get(f"/s/{page.token}/").content.decode()

    assert expected in body
    assert not_expected not in body


def test_the_page_locale_is_the_one_the_emails_use() -> None:
    project = _project("GB", "US")
    with reading_locale.override(client_locale(project.client)):
        assert day(PROMISED) == "Jan 29, 2027"
        assert day(PROMISED, "weekday") == "Friday, Jan 29, 2027"
    assert day(PROMISED) == "29 Jan 2027"  # outside a page: the language's own, day first


def test_a_us_checkin_moment_writes_the_month_first_on_a_12_hour_clock() -> None:
    instant = timezone.make_aware(timezone.datetime(2027, 2, 1, 9, 0))
    with timezone.override("UTC"), reading_locale.override("en_US"):
        assert moment(instant, "checkin") == "Mon Feb 1, 9:00 AM"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en_US", "Feb 1, 2027 3:30 PM"),
        ("en_GB", "1 Feb 2027 15:30"),
        ("en_IE", "1 Feb 2027 15:30"),
        (None, "1 Feb 2027 15:30"),  # outside a page: 24-hour, as before
    ],
)
def test_times_follow_the_readers_country(locale: str | None, expected: str) -> None:
    instant = timezone.make_aware(timezone.datetime(2027, 2, 1, 15, 30))
    with timezone.override("UTC"), translation.override("en"):
        if locale is None:
            assert moment(instant) == expected
        else:
            with reading_locale.override(locale):
                assert moment(instant) == expected


def test_spanish_reads_the_clock_of_its_country() -> None:
    instant = timezone.make_aware(timezone.datetime(2027, 2, 1, 15, 30))
    with timezone.override("UTC"), translation.override("es"):
        for locale in ("es_ES", "es_AR"):
            with reading_locale.override(locale):
                assert moment(instant) == "1 feb 2027 15:30"
        with reading_locale.override("es_MX"):  # CLDR: Mexico tells the time on a 12-hour clock
            assert moment(instant) == "1 feb 2027 3:30 p.m."


@pytest.mark.parametrize(
    ("country", "expected"),
    [("US", "Feb 1, 2027 3:30 AM"), ("GB", "1 Feb 2027 03:30")],  # 09:30 UTC in Chicago
)
def test_an_outbox_message_is_written_at_a_time_of_the_studios_country(
    country: str, expected: str
) -> None:
    project = _project(country)
    message = make_message(project)
    written_at = timezone.make_aware(timezone.datetime(2027, 2, 1, 9, 30), UTC)
    Message.objects.filter(pk=message.pk).update(created_at=written_at)
    browser, _ = browser_for(project.organisation)

    body = browser.get(f"/outbox/{message.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert f"<dd>{expected}</dd>" in body
