"""A project with no tasks is not forecast: no "finish tomorrow, 100 %", no row in its history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from django.utils import timezone

from plazo.store.models import Forecast, Message
from plazo.store.services.checkins.weekly import run_weekly_checkins
from plazo.store.services.forecasting.run import (
    OrganisationHistories,
    reforecast_active,
    reforecast_project,
)
from plazo.store.services.pages.portfolio import NO_FORECAST, dashboard_portfolio
from plazo.store.services.pages.project import project_page
from plazo.store.services.work.snapshots import load_project_snapshot
from tests.app.factories import (
    make_client,
    make_contact,
    make_item,
    make_org,
    make_project,
    make_user,
)
from tests.app.web.helpers import browser_for
from tests.app.web.test_studio_editing import _new_project, _studio_browser

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def test_a_project_without_tasks_is_not_forecast_and_keeps_no_row() -> None:
    org = make_org()
    empty = make_project(org, promised_on=date(2027, 2, 1))
    busy = make_project(org, promised_on=date(2027, 2, 1))
    make_item(busy)
    runs = {r.snapshot.project.pk: r for r in reforecast_active(org, now=NOW)}
    assert runs[empty.pk].forecast is None
    assert not runs[empty.pk].stored
    assert runs[busy.pk].forecast is not None
    assert not Forecast.objects.filter(project=empty).exists()
    assert Forecast.objects.filter(project=busy).count() == 1


def test_removing_every_task_stops_the_forecast_and_hides_the_old_one() -> None:
    org = make_org()
    project = make_project(org, promised_on=date(2027, 2, 1))
    item = make_item(project)
    reforecast_active(org, now=NOW)
    item.removed_on = date(2026, 11, 30)
    item.save()
    run = reforecast_project(
        load_project_snapshot(project), today=NOW.date(), now=NOW, histories=OrganisationHistories()
    )
    assert run.forecast is None
    assert Forecast.objects.filter(project=project).count() == 1  # the old row, not a new one
    page = project_page(project, now=NOW)
    assert page.latest_forecast is None
    assert page.health == NO_FORECAST
    [row] = dashboard_portfolio(org, now=NOW).rows
    assert (row.has_work, row.finish_p85_on, row.p_on_time) == (False, None, None)
    assert row.health == NO_FORECAST


def test_a_finished_project_is_still_forecast() -> None:
    org = make_org()
    project = make_project(org, promised_on=date(2027, 2, 1))
    make_item(project, status="done", actual_hours=8, completed_on=date(2026, 11, 20))
    [run] = reforecast_active(org, now=NOW)
    assert run.forecast is not None


def test_the_pages_say_to_add_tasks_instead_of_a_date() -> None:
    org = make_org()
    project = make_project(org, promised_on=timezone.localdate().replace(year=2027))
    reforecast_active(org, now=timezone.now())
    browser, _ = browser_for(org)
    items = f"/projects/{project.pk}/items/"
    portfolio = browser.get("/").content.decode()
    assert "Add tasks to get a forecast" in portfolio
    assert f'href="{items}"' in portfolio
    detail = browser.get(f"/projects/{project.pk}/").content.decode()
    assert 'data-testid="no-work"' in detail
    assert "100 %" not in detail
    assert "100%" not in detail
    assert "No forecast yet: the project has no tasks." in detail


def test_a_new_project_is_told_to_add_tasks_not_given_a_date() -> None:
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org))
    page = unescape(browser.get(f"/projects/{project.pk}/items/").content.decode())
    assert page.count("No forecast yet: add the project's tasks to get one.") == 1
    assert "P85 finish" not in page
    assert not Forecast.objects.filter(project=project).exists()


def test_the_weekly_check_in_of_a_project_without_tasks_asks_for_them() -> None:
    today = NOW.date()
    org = make_org(sender_email="studio@estudio.example", send_updates_automatically=True)
    client = make_client(org, time_zone="UTC", language="es")
    make_contact(client, email="cliente@client.example")
    project = make_project(
        org,
        client,
        owner=make_user(org, email="owner@estudio.example"),
        start_on=today - timedelta(days=14),
        promised_on=today + timedelta(days=60),
        checkin_weekday=today.weekday(),
        checkin_hour=0,
    )
    written = run_weekly_checkins(now=NOW)
    assert [m for m in written if m.project_id == project.pk] == []
    assert not Message.objects.filter(project=project, kind="weekly_update").exists()
    project.refresh_from_db()
    assert "no work items" in project.checkin_error
    assert not Forecast.objects.filter(project=project).exists()
