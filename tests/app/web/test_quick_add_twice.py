"""Pasting the same quick-add list twice asks first (finding outsider4 F5: nine duplicate tasks,
the forecast at 5 % and a delay case within the minute, without a word)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client as HttpClient

from plazo.store.models import Project
from plazo.store.services.editing.dashboard import titles_already_open
from tests.app.factories import make_item, make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db

LIST = "Catálogo de vinos, 12h\nPasarela de pago, 2 days\nFichas de bodega, 6h"


def _project() -> tuple[HttpClient, Project]:
    org = make_org()
    project = make_project(org, start_on=date(2026, 11, 2))
    browser, _user = browser_for(org)
    return browser, project


def _titles(project: Project) -> list[str]:
    return list(project.work_items.order_by("pk").values_list("title", flat=True))


def test_the_same_list_pasted_twice_is_refused_and_names_the_repeated_lines() -> None:
    browser, project = _project()
    url = f"/projects/{project.pk}/items/"
    assert browser.post(url, {"lines": LIST}).status_code == 302

    again = browser.post(url, {"lines": LIST + "\nEnvíos, 4h"})

    page = again.content.decode()
    assert again.status_code == 422
    assert (
        "Already in the plan, not done: “Catálogo de vinos”, “Pasarela de pago”, "
        "“Fichas de bodega”."
    ) in page
    assert 'type="checkbox" name="add_anyway"' in page
    assert "Envíos" in page  # the lines are kept in the form
    assert len(_titles(project)) == 3  # nothing added, not even the new line


def test_add_anyway_adds_them_a_second_time() -> None:
    browser, project = _project()
    url = f"/projects/{project.pk}/items/"
    browser.post(url, {"lines": LIST})

    confirmed = browser.post(url, {"lines": LIST, "add_anyway": "on"})

    assert confirmed.status_code == 302
    assert len(_titles(project)) == 6


def test_the_question_is_asked_in_spanish() -> None:
    browser, project = _project()
    make_item(project, title="Catálogo de vinos")
    page = browser.post(
        f"/projects/{project.pk}/items/",
        {"lines": "catálogo  DE vinos, 3h"},
        HTTP_ACCEPT_LANGUAGE="es",
    ).content.decode()
    assert "Ya está en el plan, sin terminar: “catálogo  DE vinos”." in page
    assert "Añadirlas de todos modos" in page


def test_done_and_removed_items_are_not_repeats() -> None:
    _browser, project = _project()
    make_item(project, title="Diseño", status="done", completed_on=date(2026, 11, 10))
    make_item(project, title="Logo", removed_on=date(2026, 11, 5))
    make_item(project, title="Catálogo")

    assert titles_already_open(project, ["Diseño", "Logo", " catálogo ", "Envíos"]) == [
        " catálogo "
    ]


def test_htmx_gets_the_section_with_the_question() -> None:
    browser, project = _project()
    make_item(project, title="Catálogo de vinos")
    section = browser.post(
        f"/projects/{project.pk}/items/",
        {"lines": "Catálogo de vinos, 3h"},
        HTTP_HX_REQUEST="true",
    )
    assert section.status_code == 200
    assert "Add them anyway" in section.content.decode()
    assert _titles(project) == ["Catálogo de vinos"]
