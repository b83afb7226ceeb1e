"""A new client's register is suggested by its country and language (vos for Spanish in
Argentina, Uruguay and Paraguay), else by the studio's other clients, else formal."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from plazo.store.models import Client, Organisation
from plazo.store.services.work.registers import new_client_register
from tests.app.factories import make_client, make_org, make_user

pytestmark = pytest.mark.django_db


def _studio(**fields: str) -> tuple[HttpClient, Organisation]:
    org = make_org(**{"country": "US", "time_zone": "America/Chicago", "language": "en", **fields})
    browser = HttpClient()
    browser.force_login(make_user(org))
    return browser, org


def _new(browser: HttpClient, name: str, **fields: str) -> Client:
    data = {"name": name, "contact_email": f"{name.split()[0].lower()}@example.com"}
    response = browser.post(reverse("web:client_new"), {**data, **fields})
    assert response.status_code == 302, response.content.decode()
    return Client.objects.get(name=name)


def test_the_form_starts_on_the_suggestion_not_on_formal() -> None:
    browser, _org = _studio()
    page = browser.get(reverse("web:client_new")).content.decode()
    assert '<option value="" selected>Suggested by the country and language</option>' in page
    assert '<option value="formal" selected>' not in page


def test_a_spanish_speaking_client_in_argentina_is_written_with_vos() -> None:
    browser, _org = _studio()
    bodega = _new(browser, "Bodega Los Andes", country="AR", language="es", register="")
    assert bodega.register == "vos"
    uruguay = _new(browser, "Estudio Montevideo", country="UY", language="es", register="")
    assert uruguay.register == "vos"


def test_elsewhere_and_in_english_the_suggestion_is_formal() -> None:
    browser, _org = _studio()
    assert _new(browser, "Acme Texas", country="US", register="").register == "formal"
    assert _new(browser, "Andes English", country="AR", language="en", register="").register == (
        "formal"
    )
    assert _new(browser, "Textil Oaxaca", country="MX", language="es", register="").register == (
        "formal"
    )


def test_a_chosen_register_wins_over_the_suggestion() -> None:
    browser, _org = _studio()
    client = _new(browser, "Bodega Formal", country="AR", language="es", register="formal")
    assert client.register == "formal"


def test_a_studio_that_writes_casually_keeps_its_habit_for_new_clients() -> None:
    browser, org = _studio()
    make_client(org, name="One", language="en", register="informal")
    make_client(org, name="Two", language="en", register="informal")
    make_client(org, name="Three", language="en", register="formal")
    make_client(org, name="Cuatro", language="es", register="formal")
    assert _new(browser, "Four", country="US", register="").register == "informal"
    assert new_client_register(org, "es", "MX") == "formal"
    assert new_client_register(org, "es", "PY") == "vos"  # the country says it
