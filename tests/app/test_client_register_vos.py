"""A third register, vos (informal Spanish with voseo), everywhere a client's register is set:
the client forms, the API, the import and the client's status page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plazo.store.models import Client
from plazo.store.services.access.status_pages import ensure_status_page
from plazo.store.services.composing.inputs import client_input
from plazo.store.services.importing import import_text
from tests.app.api_helpers import call, token_for
from tests.app.factories import NOW, make_client, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, promise

pytestmark = pytest.mark.django_db


def test_the_api_creates_and_changes_a_vos_client() -> None:
    org = make_org(language="es", time_zone="America/Argentina/Buenos_Aires")
    token = token_for(org)
    created = call("POST", "/clients", token=token, body={"name": "Bodega", "register": "vos"})
    assert created.status_code == 201, created.content
    assert created.json()["register"] == "vos"
    client_id = created.json()["id"]
    back = call("PATCH", f"/clients/{client_id}", token=token, body={"register": "informal"})
    assert back.json()["register"] == "informal"
    refused = call("PATCH", f"/clients/{client_id}", token=token, body={"register": "voseo"})
    assert refused.status_code == 422


def test_an_import_takes_vos() -> None:
    org = make_org()
    text = (
        "name,language,register,time_zone,contact_name,contact_email\n"
        "Bodega Los Andes,es,vos,America/Argentina/Mendoza,Sofía,sofia@losandes.example\n"
    )
    import_text(org, "clients", text, "csv", source="clients.csv", now=NOW)
    client = Client.objects.get(organisation=org, name="Bodega Los Andes")
    assert client.register == "vos"
    assert client_input(client).register == "vos"  # the composer writes voseo


def test_the_client_form_offers_vos_to_a_spanish_client_and_keeps_it() -> None:
    org = make_org()
    client = make_client(org, language="es", country="AR")
    browser, _ = browser_for(org)
    browser.cookies["django_language"] = "es"
    url = reverse("web:client", args=[client.pk])
    assert ">informal (vos)</option>" in browser.get(url).content.decode()
    data = {
        "name": client.name,
        "language": "es",
        "register": "vos",
        "country": "AR",
        "time_zone": "America/Argentina/Buenos_Aires",
        "notes": "",
    }
    assert browser.post(url, data).status_code == 302
    client.refresh_from_db()
    assert client.register == "vos"
    listing = browser.get(reverse("web:clients")).content.decode()
    assert "informal (vos)" in listing


def test_an_english_client_with_vos_keeps_it_when_edited() -> None:
    org = make_org()
    client = make_client(org, language="en", register="vos")
    browser, _ = browser_for(org)
    page = browser.get(reverse("web:client", args=[client.pk])).content.decode()
    assert 'value="vos" selected' in page
    assert "casual (vos in Spanish)" in page


def test_the_new_client_form_offers_vos() -> None:
    browser, _ = browser_for(make_org())
    page = browser.get(reverse("web:client_new")).content.decode()
    assert '<option value="vos">informal (vos)</option>' in page


def test_the_status_page_says_tu_fecha_to_a_vos_client() -> None:
    org = make_org()
    client = make_client(org, language="es", register="vos")
    today = timezone.localdate()
    project = make_project(
        org, client, start_on=today - timedelta(days=30), stake="la feria",
        stake_on=today + timedelta(days=40),
    )  # fmt: skip
    promise(project, today + timedelta(days=20))
    make_forecast(project)
    token = ensure_status_page(project, now=timezone.now()).token
    status = browser_for(org)[0].get(f"/s/{token}/").content.decode()
    assert ">tu fecha</text>" in status
