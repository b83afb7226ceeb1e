"""A project whose work is over shows that, not a forecast (M7); the portfolio can list delivered
and cancelled projects (M14); the client page says where each project stands (M14)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from plazo.store.models import Client, Organisation, Project, ProjectStatus
from plazo.store.services.access.status_pages import ensure_status_page
from plazo.store.services.pages.portfolio import dashboard_portfolio
from plazo.store.services.pages.portfolio_rows import portfolio_rows
from plazo.web.templatetags.plazo import day
from tests.app.factories import make_item, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, promise

pytestmark = pytest.mark.django_db


def _all_done_project(**fields: Any) -> tuple[Organisation, Project]:
    org = make_org()
    project = make_project(org, name="Tienda online", **fields)
    make_item(project, status="done", completed_on=project.start_on, actual_hours=9)
    promise(project, timezone.localdate() + timedelta(days=20))
    make_forecast(project, p_on_time=1.0, finish_p85_on=timezone.localdate() + timedelta(days=1))
    return org, project


def test_a_project_with_every_task_done_says_so_instead_of_a_forecast() -> None:
    org, project = _all_done_project()
    browser = browser_for(org)[0]

    english = browser.get(f"/projects/{project.pk}/").content.decode()
    spanish = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert 'data-testid="work-finished"' in english
    assert "All tasks are done" in english
    assert "P85 finish" not in english.split('id="h-delivery"')[0]
    assert "100 %" not in english.split('id="h-delivery"')[0]
    assert 'class="fan"' not in english
    assert "Todas las tareas están hechas" in spanish


def test_a_delivered_project_shows_its_delivery_and_no_forecast() -> None:
    org, project = _all_done_project(
        status=ProjectStatus.DELIVERED, delivered_on=timezone.localdate()
    )
    page = browser_for(org)[0].get(f"/projects/{project.pk}/").content.decode()
    facts = page.split("</dl>")[0]
    assert 'data-testid="delivered-on"' in facts
    assert "P85 finish" not in facts
    assert "On time" not in facts
    assert 'class="forecast-inputs"' not in page
    assert 'class="fan"' not in page


def test_the_client_status_page_of_a_delivered_project_shows_no_forecast() -> None:
    org, project = _all_done_project(
        status=ProjectStatus.DELIVERED, delivered_on=timezone.localdate()
    )
    token = ensure_status_page(project, now=timezone.now()).token
    page = browser_for(org)[0].get(f"/s/{token}/").content.decode()
    assert "(P85)" not in page
    assert 'class="fan"' not in page


def _three_states() -> Organisation:
    org = make_org()
    make_project(org, name="Tienda online")
    make_project(
        org, name="Portfolio website", status=ProjectStatus.DELIVERED,
        delivered_on=timezone.localdate(),
    )  # fmt: skip
    make_project(org, name="Intranet", status=ProjectStatus.CANCELLED)
    return org


def test_the_portfolio_can_list_delivered_and_cancelled_projects() -> None:
    org = _three_states()
    browser = browser_for(org)[0]

    active = browser.get("/").content.decode()
    delivered = browser.get("/?status=delivered").content.decode()
    cancelled = browser.get("/?status=cancelled", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert 'href="?status=delivered"' in active
    assert "Portfolio website" not in active
    assert "Portfolio website" in delivered
    assert "Tienda online" not in delivered.split('id="main"')[1]
    assert "Intranet" not in delivered
    assert "Intranet" in cancelled
    assert "Cancelados (1)" in cancelled


def test_another_organisations_delivered_projects_are_not_listed() -> None:
    org = _three_states()
    other = make_org()
    make_project(other, name="Ajeno", status=ProjectStatus.DELIVERED)
    page = browser_for(org)[0].get("/?status=delivered").content.decode()
    assert "Ajeno" not in page


def test_the_client_page_shows_each_projects_state() -> None:
    org = _three_states()
    client = Client.objects.for_organisation(org).first()
    assert client is not None
    for project in Project.objects.for_organisation(org):
        project.client = client
        project.save()
    page = browser_for(org)[0].get(f"/clients/{client.pk}/").content.decode()
    projects = page.split('id="h-projects"')[1]
    assert "Portfolio website" in projects
    assert "delivered" in projects
    assert "cancelled" in projects
    assert "active" in projects


def _portfolio_row(page: str, name: str) -> str:
    """The portfolio table's row of the project called ``name``."""
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")
    return next(row for row in rows if f">{name}</a>" in row)


def test_the_portfolio_row_of_a_project_with_every_task_done_shows_no_forecast() -> None:
    org, _ = _all_done_project()
    ordinary = make_project(org, name="Portal")
    make_item(ordinary)
    promise(ordinary, timezone.localdate() + timedelta(days=30))
    make_forecast(ordinary, p_on_time=0.62)
    browser = browser_for(org)[0]

    english = browser.get("/").content.decode()
    spanish = browser.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    rows = dashboard_portfolio(org, now=timezone.now()).rows

    finished = {row.name: row for row in rows}["Tienda online"]
    assert (finished.finish_p85_on, finished.p_on_time, finished.work_finished) == (
        None,
        None,
        True,
    )
    stale_p85 = timezone.localdate() + timedelta(days=1)
    for page, language, words, badge in (
        (english, "en", "All tasks done", "all tasks done"),
        (spanish, "es", "Todas las tareas hechas", "todas las tareas hechas"),
    ):
        row = _portfolio_row(page, "Tienda online")
        assert 'data-testid="work-finished"' in row
        assert words in row
        assert f'<span class="badge on_track">{badge}</span>' in row
        assert "100 %" not in row
        with translation.override(language):
            assert day(stale_p85) not in row
        assert "62 %" in _portfolio_row(page, "Portal")  # an ordinary project keeps its forecast


def test_the_demos_printed_portfolio_gives_no_forecast_for_a_project_with_every_task_done() -> None:
    org, _finished = _all_done_project()
    ongoing = make_project(org, name="Catálogo")
    make_item(ongoing, status="pending", estimate_hours=8)
    make_forecast(ongoing, p_on_time=0.62, finish_p85_on=timezone.localdate() + timedelta(days=9))

    rows = {row.project: row for row in portfolio_rows(org, today=timezone.localdate())}

    finished = rows["Tienda online"]
    assert finished.finish_p85_on is None
    assert finished.p_on_time is None
    assert finished.health is None
    assert rows["Catálogo"].p_on_time == 0.62  # an ordinary project keeps its forecast
