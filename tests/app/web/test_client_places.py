"""A client's country and time zone are chosen from lists (M7): the new-client form offers them,
the time zone follows the country unless chosen, and the edit form and the API take the same."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from plazo.store.models import Client, Organisation
from tests.app.api_helpers import call, token_for
from tests.app.factories import make_client, make_org, make_user

pytestmark = pytest.mark.django_db


def _studio() -> tuple[HttpClient, Organisation]:
    org = make_org(country="GB", time_zone="Europe/London", language="en")
    browser = HttpClient()
    browser.force_login(make_user(org))
    return browser, org


def _new(browser: HttpClient, **fields: str) -> Client:
    data = {"name": "Grupo Textil Oaxaca", "contact_email": "mariana@textil.example"}
    data["register"] = "formal"
    response = browser.post(reverse("web:client_new"), {**data, **fields})
    assert response.status_code == 302, response.content.decode()
    return Client.objects.get(name="Grupo Textil Oaxaca")


def test_the_new_client_form_offers_countries_and_grouped_time_zones() -> None:
    browser, _org = _studio()
    page = browser.get(reverse("web:client_new")).content.decode()
    assert '<select name="time_zone"' in page
    assert '<optgroup label="Europe">' in page
    assert '<option value="America/Mexico_City">Mexico City</option>' in page
    assert "The country&#x27;s, else the organisation&#x27;s (Europe/London)" in page
    assert '<option value="GB" selected>United Kingdom (GB)</option>' in page


def test_a_new_clients_time_zone_follows_its_country() -> None:
    browser, _org = _studio()
    client = _new(browser, country="MX", language="es")
    assert (client.country, client.time_zone) == ("MX", "America/Mexico_City")


def test_a_chosen_time_zone_wins_and_none_is_the_organisations() -> None:
    browser, org = _studio()
    client = _new(browser, country="MX", time_zone="America/Cancun")
    assert client.time_zone == "America/Cancun"
    other = make_client(org, name="Northern Rail")
    assert other.time_zone == "UTC"  # the factory's; the service below sets the default
    browser.post(
        reverse("web:client_new"),
        {"name": "Heritage", "contact_email": "jane@heritage.example", "register": "formal"},
    )
    assert Client.objects.get(name="Heritage").time_zone == "Europe/London"


def test_the_edit_form_is_a_list_and_refuses_free_text() -> None:
    browser, org = _studio()
    client = make_client(org, language="es", time_zone="Europe/London")
    page = browser.get(reverse("web:client", args=[client.pk])).content.decode()
    assert '<option value="Europe/London" selected>London</option>' in page
    data = {"name": client.name, "language": "es", "register": "formal", "notes": ""}
    refused = browser.post(
        reverse("web:client", args=[client.pk]), {**data, "time_zone": "Mexico City"}
    )
    assert refused.status_code == 200
    saved = browser.post(
        reverse("web:client", args=[client.pk]),
        {**data, "time_zone": "America/Mexico_City", "country": "MX"},
    )
    assert saved.status_code == 302
    client.refresh_from_db()
    assert (client.time_zone, client.country) == ("America/Mexico_City", "MX")


def test_the_api_takes_a_country_and_derives_the_time_zone() -> None:
    org = make_org(country="GB", time_zone="Europe/London")
    token = token_for(org)
    created = call("POST", "/clients", token=token, body={"name": "Textil", "country": "MX"})
    assert created.status_code == 201, created.content
    assert (created.json()["country"], created.json()["time_zone"]) == (
        "MX",
        "America/Mexico_City",
    )
    plain = call("POST", "/clients", token=token, body={"name": "Heritage"}).json()
    assert (plain["country"], plain["time_zone"]) == ("", "Europe/London")
