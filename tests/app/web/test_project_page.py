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


@pytest.mark.parametrize(
    ("language", "says", "never"),
    [
        ("en", "No tasks yet, so there is no timeline to draw.", "0 of 0"),
        ("es", "Todavía no hay tareas, así que no hay cronograma que dibujar.", "0 de 0"),
    ],
)
def test_a_project_without_tasks_says_so_instead_of_counting_zero(
    language: str, says: str, never: str
) -> None:
    org = make_org()
    project = make_project(org)
    page = (
        browser_for(org)[0]
        .get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE=language)
        .content.decode()
    )
    assert says in page
    assert never not in page
    assert "<polyline" not in page


@pytest.mark.parametrize(
    ("language", "says"),
    [("en", "0 of 1 estimated hour done."), ("es", "0 de 1 hora estimada hecha.")],
)
def test_the_timeline_counts_one_hour_in_the_singular(language: str, says: str) -> None:
    org = make_org()
    project = make_project(org)
    make_item(project, estimate_hours=1)
    page = (
        browser_for(org)[0]
        .get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE=language)
        .content.decode()
    )
    assert says in page


def test_a_timeline_of_unestimated_tasks_says_none_has_an_estimate() -> None:
    org = make_org()
    project = make_project(org)
    make_item(project, estimate_hours=None)
    page = browser_for(org)[0].get(f"/projects/{project.pk}/").content.decode()
    assert "No task has an estimate yet." in page
    assert "0 of 0" not in page
