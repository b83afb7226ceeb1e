"""A project whose work is over shows that, not a forecast (M7); the portfolio can list delivered
and cancelled projects (M14); the client page says where each project stands (M14)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from plazo.store.models import ProjectStatus
from plazo.store.services.access.status_pages import ensure_status_page
from tests.app.factories import make_item, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, promise

pytestmark = pytest.mark.django_db


def _all_done_project(**fields: object):  # type: ignore[no-untyped-def]
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
