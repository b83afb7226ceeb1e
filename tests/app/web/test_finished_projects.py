"""A project whose work is over shows that, not a forecast (M7); the portfolio can list delivered
and cancelled projects (M14); the client page says where each project stands (M14)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from plazo.store.models import Client, Organisation, Project, ProjectStatus
from plazo.store.services.access.status_pages import ensure_status_page
from tests.app.factories import make_item, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, promise

pytestmark = pytest.mark.django_db


def _all_done_project(**fields: object) -> tuple[Organisation, Project]:
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
