"""Stored projects forecast the work as trackers hold it: unestimated items, throughput, growth."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from plazo.store.models import Forecast, Project
from plazo.store.services.forecasting.finish_chances import finish_chances
from plazo.store.services.forecasting.inputs import remaining_work
from plazo.store.services.forecasting.run import OrganisationHistories, Reforecast
from plazo.store.services.forecasting.run import reforecast_project as reforecast_snapshot
from plazo.store.services.work.snapshots import load_project_snapshot
from tests.app.factories import make_item, make_org, make_project

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def finished_project(org: object, *, tasks: int = 30, actual: str = "6") -> Project:
    """A past project of the same team: ``tasks`` items of 4 h estimated, finished one a day."""
    past = make_project(org, start_on=date(2026, 6, 1))  # type: ignore[arg-type]
    for i in range(tasks):
        make_item(
            past,
            estimate_hours=Decimal("4"),
            actual_hours=Decimal(actual),
            status="done",
            added_on=date(2026, 6, 1),
            completed_on=date(2026, 6, 1) + timedelta(days=i),
        )
    return past


def project_with(org: object, *, estimated: int, unestimated: int, **fields: object) -> Project:
    project = make_project(org, start_on=date(2026, 11, 2), **fields)  # type: ignore[arg-type]
    for _ in range(estimated):
        make_item(project, estimate_hours=Decimal("4"))
    for _ in range(unestimated):
        make_item(project, estimate_hours=None)
    return project


def reforecast_project(project: Project, *, today: date, now: datetime) -> Reforecast:
    """Re-forecast one project as the worker does: its snapshot and a fresh history."""
    snapshot = load_project_snapshot(project)
    return reforecast_snapshot(snapshot, today=today, now=now, histories=OrganisationHistories())


def test_unestimated_items_are_part_of_the_remaining_work() -> None:
    org = make_org()
    project = project_with(org, estimated=2, unestimated=3)
    remaining = remaining_work(load_project_snapshot(project))
    assert len(remaining) == 5
    assert sum(1 for _, estimate, _ in remaining if estimate is None) == 3


def test_forty_unestimated_items_are_not_forecast_as_two_items_of_work() -> None:
    """The defect of issue 16: unestimated items were dropped, so the project looked on track."""
    org = make_org()
    finished_project(org)
    two = project_with(org, estimated=2, unestimated=0, forecast_mode="estimates")
    forty_two = project_with(org, estimated=2, unestimated=40, forecast_mode="estimates")
    small = reforecast_project(two, today=TODAY, now=NOW).forecast
    big = reforecast_project(forty_two, today=TODAY, now=NOW).forecast
    assert (big.remaining_items, big.unestimated_items) == (42, 40)
    assert big.remaining_hours == small.remaining_hours == 8.0
    # Each unestimated item is drawn from the team's finished items: 6 h each.
    assert big.effort_p50_hours > small.effort_p50_hours + 40 * 6 * 0.8
    assert big.finish_p85_on is not None
    assert small.finish_p85_on is not None
    assert big.finish_p85_on > small.finish_p85_on


def test_a_project_of_mostly_unestimated_items_counts_them_by_throughput() -> None:
    org = make_org()
    project = project_with(org, estimated=1, unestimated=9)
    for i in range(12):  # two items a week for the last six weeks
        make_item(
            project,
            estimate_hours=None,
            status="done",
            completed_on=TODAY - timedelta(days=1 + 3 * i + (i % 2)),
        )
    forecast = reforecast_project(project, today=TODAY, now=NOW).forecast
    assert forecast.model == "throughput"
    assert forecast.model_reason.startswith("throughput, chosen by itself: 1 of 10 remaining")
    assert forecast.remaining_items == 10
    assert forecast.finish_p50_on is not None
    assert forecast.finish_p50_on > TODAY + timedelta(weeks=3)


def test_throughput_without_recent_completions_falls_back_to_estimates_and_says_why() -> None:
    org = make_org()
    finished_project(org)
    project = project_with(org, estimated=1, unestimated=9)
    forecast = reforecast_project(project, today=TODAY, now=NOW).forecast
    assert forecast.model == "sized"
    assert "no items completed in recent weeks" in forecast.model_reason
    assert forecast.unestimated_items == 9


def test_the_projects_setting_overrides_the_automatic_choice() -> None:
    org = make_org()
    finished_project(org)
    project = project_with(org, estimated=9, unestimated=1, forecast_mode="throughput")
    make_item(project, estimate_hours=None, status="done", completed_on=TODAY - timedelta(days=2))
    forecast = reforecast_project(project, today=TODAY, now=NOW).forecast
    assert forecast.model == "throughput"
    assert "as the project is set" in forecast.model_reason


def test_growth_is_measured_from_added_dates_and_pushes_the_p85_with_growth_later() -> None:
    org = make_org()
    past = finished_project(org)
    # Half of the past project's work was added after it started, as it went.
    for item in past.work_items.order_by("completed_on")[15:]:
        assert item.completed_on is not None
        item.added_on = item.completed_on - timedelta(days=1)
        item.save()
    project = project_with(org, estimated=10, unestimated=0, forecast_mode="estimates")
    forecast = reforecast_project(project, today=TODAY, now=NOW).forecast
    assert forecast.growth_rate is not None
    assert forecast.growth_rate > 0
    assert forecast.growth_finish_p85_on is not None
    assert forecast.finish_p85_on is not None
    assert forecast.growth_finish_p85_on > forecast.finish_p85_on


def test_finish_chances_agree_with_a_throughput_forecast() -> None:
    org = make_org()
    project = project_with(org, estimated=0, unestimated=6, promised_on=None)
    for i in range(8):
        make_item(
            project, estimate_hours=None, status="done", completed_on=TODAY - timedelta(4 * i + 1)
        )
    forecast = reforecast_project(project, today=TODAY, now=NOW).forecast
    assert forecast.model == "throughput"
    assert forecast.finish_p85_on is not None
    chances = finish_chances(
        load_project_snapshot(project),
        [forecast.finish_p85_on],
        today=TODAY,
        histories=OrganisationHistories(),
    )
    assert chances is not None
    assert chances[forecast.finish_p85_on] >= 0.85


def test_the_project_page_states_the_forecasts_inputs(client: object) -> None:
    from django.test import Client

    from tests.app.factories import make_user

    org = make_org()
    finished_project(org)
    project = project_with(org, estimated=2, unestimated=3, forecast_mode="estimates")
    reforecast_project(project, today=TODAY, now=NOW)
    user = make_user(org)
    browser = Client()
    browser.force_login(user)
    page = browser.get(f"/projects/{project.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "8.0 h of remaining estimates, 3 unestimated items sized from finished ones" in text
    assert "Estimates, as the project is set (2 of 5 remaining items have estimates)" in text
    assert Forecast.objects.filter(project=project).count() == 1
