"""``/setup/`` asks what ``plazo init`` asks, starting from the same defaults: the machine's
country, then its currency, time zone and clients' language, and checks each the same way."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from plazo.cli.init_answers import default_answers
from plazo.store.models import Organisation

pytestmark = pytest.mark.django_db
PASSWORD = "una-clave-larga"


@pytest.fixture(autouse=True)
def _machine_in_chicago(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIME_ZONE", "America/Chicago")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)


def _shown(query: dict[str, str] | None = None) -> dict[str, str]:
    page = HttpClient().get(reverse("web:setup"), query or {}, HTTP_ACCEPT_LANGUAGE="en")
    form = page.context["form"]
    return {f: form[f].value() for f in ("country", "currency", "time_zone", "language")}


def test_the_form_starts_where_plazo_init_starts() -> None:
    init = default_answers(
        organisation=None,
        email=None,
        name="",
        country=None,
        currency=None,
        time_zone=None,
        language=None,
    )
    shown = _shown()
    assert shown == {
        "country": "US",
        "currency": "USD",
        "time_zone": "America/Chicago",
        "language": "en",
    }
    assert shown == {
        "country": init.country,
        "currency": init.currency,
        "time_zone": init.time_zone,
        "language": init.language,
    }


def test_the_page_offers_the_time_zone_and_names_the_country() -> None:
    body = HttpClient().get(reverse("web:setup"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="time_zone"' in body
    assert '<option value="America/Chicago" selected>' in body
    assert "United States (US)" in body


def test_a_new_country_brings_its_currency_time_zone_and_language() -> None:
    shown = _shown(
        {
            "country": "GB",
            "defaults_country": "US",
            "currency": "USD",
            "time_zone": "America/Chicago",
            "language": "en",
        }
    )
    assert shown == {
        "country": "GB",
        "currency": "GBP",
        "time_zone": "Europe/London",
        "language": "en",
    }


def test_what_the_person_changed_stays_when_the_country_changes() -> None:
    shown = _shown(
        {
            "country": "MX",
            "defaults_country": "US",
            "currency": "EUR",  # changed by hand from USD
            "time_zone": "America/Chicago",
            "language": "en",
        }
    )
    assert shown == {
        "country": "MX",
        "currency": "EUR",
        "time_zone": "America/Mexico_City",
        "language": "es",
    }


def _post(language: str = "en", **fields: str) -> HttpClient:
    data = {
        "organisation": "Prairie Pixels",
        "name": "Dana Ruiz",
        "email": "dana@prairie.example",
        "password": PASSWORD,
        "password_again": PASSWORD,
        "country": "US",
        "currency": "USD",
        "time_zone": "America/Chicago",
        "language": "en",
        "defaults_country": "US",
        **fields,
    }
    return HttpClient().post(reverse("web:setup"), data, HTTP_ACCEPT_LANGUAGE=language)


def test_the_studio_is_created_in_the_time_zone_asked() -> None:
    response = _post()
    assert response.status_code == 302
    org = Organisation.objects.get()
    assert (org.country, org.currency, org.time_zone, org.language) == (
        "US",
        "USD",
        "America/Chicago",
        "en",
    )


def test_each_answer_is_checked_as_plazo_init_checks_it() -> None:
    response = _post(country="EU", currency="U$D", time_zone="Chicago")
    errors = response.context["form"].errors
    assert "plazo has no public-holiday calendar for EU" in errors["country"][0]
    assert "three-letter currency code" in errors["currency"][0]
    assert "'Chicago' is not a time zone" in errors["time_zone"][0]
    assert not Organisation.objects.exists()


def test_the_checks_speak_spanish_on_a_spanish_page() -> None:
    response = _post("es", country="EU", time_zone="Chicago")
    errors = response.context["form"].errors
    assert "calendario de festivos" in errors["country"][0]
    assert "no es una zona horaria" in errors["time_zone"][0]
