"""The project page: timeline, forecast history, ledger, the thread as the client saw it, items."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.app.factories import make_case, make_item, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, promise, send

pytestmark = pytest.mark.django_db


def test_the_page_shows_every_part_of_the_project() -> None:
    org = make_org()
    project = make_project(org, name="Portal", stake="la junta de accionistas")
    make_item(
        project, title="Portada", status="done", completed_on=project.start_on, actual_hours=9
    )
    make_item(project, title="Área privada", estimate_hours=20)
    make_item(project, title="Descartada", removed_on=project.start_on + timedelta(days=1))
    promise(
        project,
        timezone.localdate() + timedelta(days=10),
        made_at=timezone.now() - timedelta(days=40),
    )
    promise(project, timezone.localdate() + timedelta(days=20))
    make_forecast(project, created_at=timezone.now() - timedelta(days=7), model="old-model")
    make_forecast(project, model="sized")
    send(project, subject="Avance 1", text="Primera línea\nSegunda línea")
    send(project, kind="owner_alert", subject="Alerta para el responsable")
    send(project, subject="Sin enviar", state="queued", sent_at=None)
    make_case(project)

    page = browser_for(org)[0].get(f"/projects/{project.pk}/").content.decode()

    assert 'role="img"' in page
    assert "<polyline" in page
    assert 'class="fan"' in page
    assert "old-model" in page
    assert "sized" in page
    assert page.count("<tr") >= 2 + 3 + 2  # forecasts, items, commitments (plus headers)
    assert "la junta de accionistas" in page
    assert "Primera línea<br>Segunda línea" in page
    assert "Alerta para el responsable" not in page  # not something the client saw
    assert "Sin enviar" not in page
    assert "Portada" in page
    assert "Área privada" in page
    assert "Descartada" in page
    assert "draft" in page


def test_a_project_never_forecast_still_opens() -> None:
    org = make_org()
    project = make_project(org)
    make_item(project)  # work, not forecast yet (without any it says to add tasks)
    page = browser_for(org)[0].get(f"/projects/{project.pk}/").content.decode()
    assert "No forecast yet." in page
    assert 'class="fan"' not in page


def test_the_interface_speaks_spanish_after_the_language_switch() -> None:
    org = make_org()
    make_project(org)
    browser, _ = browser_for(org)

    english = browser.get("/").content.decode()
    browser.post("/i18n/setlang/", {"language": "es", "next": "/"})
    spanish = browser.get("/").content.decode()

    assert "Portfolio" in english
    assert "Cartera" in spanish
    assert '<html lang="es">' in spanish


def test_the_browsers_language_is_the_default() -> None:
    org = make_org()
    browser, _ = browser_for(org)
    page = browser.get("/outbox/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9").content.decode()
    assert "Bandeja de salida" in page
