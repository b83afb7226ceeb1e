"""One read per project: the snapshot holds its work items and newest forecast, in four queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plazo.store.models import Forecast, Organisation, Project, WorkItem
from plazo.store.services.composing.inputs import forecast_view, updates_since
from plazo.store.services.forecasting.inputs import completed_days, remaining_work
from plazo.store.services.work.snapshots import (
    ProjectSnapshot,
    load_project_snapshot,
    load_project_snapshots,
)
from tests.app.factories import make_client, make_contact, make_org, make_project, make_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
TODAY = date(2026, 12, 1)


def _forecast(project: Project, created_at: datetime, p50: date) -> Forecast:
    return Forecast.objects.create(
        organisation_id=project.organisation_id,
        project=project,
        created_at=created_at,
        model="sized",
        trials=10,
        remaining_hours=8.0,
        effort_p50_hours=8.0,
        effort_p85_hours=9.0,
        effort_p95_hours=10.0,
        finish_p50_on=p50,
        finish_p85_on=p50 + timedelta(days=2),
        finish_p95_on=p50 + timedelta(days=4),
        p_on_time=0.9,
    )


def _projects(org: Organisation, count: int) -> list[Project]:
    """``count`` projects of one owner and one client with contacts, each with three items
    (saved in bulk: no progress signal) and two forecasts, the newer stored second."""
    client = make_client(org)
    make_contact(client)
    make_contact(client, name="Luis", email="luis@example.com")
    owner = make_user(org)
    projects = [
        make_project(org, client, owner=owner, promised_on=date(2026, 12, 18)) for _ in range(count)
    ]
    WorkItem.objects.bulk_create(
        WorkItem(
            organisation=org,
            project=project,
            title=f"{project.name} #{n}",
            estimate_hours=Decimal("4"),
            added_on=project.start_on,
            position=3 - n,
            status="done" if n == 0 else "todo",
            completed_on=date(2026, 11, 20) if n == 0 else None,
        )
        for project in projects
        for n in range(3)
    )
    for project in projects:
        _forecast(project, NOW - timedelta(days=7), date(2026, 12, 10))
        _forecast(project, NOW, date(2026, 12, 14))
    return projects


def _use_everything(snapshots: dict[int, ProjectSnapshot]) -> list[object]:
    """Touch every relation a consumer of a snapshot reads."""
    touched: list[object] = []
    for snapshot in snapshots.values():
        project = snapshot.project
        assert project.owner is not None
        touched += [project.client.name, project.organisation.name, project.owner.email]
        touched += [contact.email for contact in project.client.contacts.all()]
        touched += [item.project.name for item in snapshot.items]
        latest = snapshot.latest_forecast
        assert latest is not None
        touched += [latest.project.name, latest.finish_p85_on]
    return touched


@pytest.mark.parametrize("count", [1, 50])
def test_any_number_of_projects_is_read_in_four_queries(count: int) -> None:
    org = make_org()
    projects = _projects(org, count)
    with CaptureQueriesContext(connection) as queries:
        snapshots = load_project_snapshots(p.pk for p in projects)
        touched = _use_everything(snapshots)  # all was read: touching it costs nothing more
    assert len(queries) == 4
    assert len(touched) == count * (3 + 2 + 3 + 2)
    assert sorted(snapshots) == sorted(p.pk for p in projects)


def test_a_snapshot_holds_all_the_projects_items_in_plan_order_and_its_newest_forecast() -> None:
    org = make_org()
    first, second = _projects(org, 2)
    # Stored in the same instant as the newest: the later insertion is the newer run.
    tied = _forecast(first, NOW, date(2026, 12, 16))
    snapshots = load_project_snapshots([first.pk, second.pk, second.pk + 1000])
    assert set(snapshots) == {first.pk, second.pk}  # an unknown id is left out
    snapshot = snapshots[first.pk]
    assert [item.title for item in snapshot.items] == [
        f"{first.name} #2",
        f"{first.name} #1",
        f"{first.name} #0",
    ]
    assert all(item.project_id == first.pk for item in snapshot.items)
    assert snapshot.latest_forecast is not None
    assert snapshot.latest_forecast.pk == tied.pk == first.forecasts.latest_run().pk  # type: ignore[union-attr]
    newest_second = second.forecasts.latest_run()
    assert newest_second is not None
    assert snapshots[second.pk].latest_forecast == newest_second


def test_a_long_pass_loads_snapshots_a_few_at_a_time_in_the_order_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from plazo.store.services.work import snapshots as module

    monkeypatch.setattr(module, "AT_ONCE", 2)
    org = make_org()
    first, second, third = (p.pk for p in _projects(org, 3))
    with CaptureQueriesContext(connection) as queries:
        passed = [
            s.project.pk for s in module.iter_project_snapshots([third, 999_999, first, second])
        ]
    assert passed == [third, first, second]  # the order asked; an unknown id is left out
    assert len(queries) == 2 * 4  # two loads of four queries


def test_a_project_never_forecast_has_no_latest_forecast() -> None:
    project = make_project(make_org())
    snapshot = load_project_snapshot(project)
    assert snapshot.latest_forecast is None
    assert snapshot.items == ()


def test_the_forecaster_reads_remaining_work_and_completions_from_the_snapshot() -> None:
    project = make_project(make_org(), start_on=date(2026, 11, 2))
    WorkItem.objects.bulk_create(
        WorkItem(
            organisation_id=project.organisation_id,
            project=project,
            added_on=date(2026, 11, 2),
            **f,
        )
        for f in [
            {"title": "later", "position": 2, "estimate_hours": Decimal("3")},
            {"title": "tie, first id", "position": 1, "estimate_hours": None, "estimator": "ana"},
            {"title": "tie, second id", "position": 1, "estimate_hours": Decimal("5")},
            {"title": "removed", "position": 0, "removed_on": date(2026, 11, 20)},
            {"title": "done", "status": "done", "completed_on": date(2026, 11, 25)},
            {
                "title": "done, then removed",
                "status": "done",
                "completed_on": date(2026, 11, 24),
                "removed_on": date(2026, 11, 26),
            },
            {"title": "reopened", "status": "doing", "completed_on": date(2026, 11, 23)},
        ]
    )
    snapshot = load_project_snapshot(project)
    by_title = {item.title: item.pk for item in snapshot.items}
    assert remaining_work(snapshot) == [
        (by_title["reopened"], None, ""),  # position 0, and not removed
        (by_title["tie, first id"], None, "ana"),
        (by_title["tie, second id"], Decimal("5.00"), ""),
        (by_title["later"], Decimal("3.00"), ""),
    ]
    assert completed_days(snapshot) == [date(2026, 11, 25)]


def test_the_composers_inputs_read_nothing_beyond_the_snapshot() -> None:
    org = make_org()
    (project,) = _projects(org, 1)
    snapshot = load_project_snapshot(project)
    assert snapshot.latest_forecast is not None
    with CaptureQueriesContext(connection) as queries:
        view = forecast_view(snapshot, snapshot.latest_forecast, today=TODAY)
        updates = updates_since(snapshot, since=datetime(2026, 11, 16, tzinfo=UTC))
    assert len(queries) == 0
    assert view.burn_up.scope[-1] == 12.0
    assert view.percent_complete == pytest.approx(100 / 3)
    assert updates.done == (f"{project.name} #0",)
    assert updates.next == (f"{project.name} #2", f"{project.name} #1")


def test_the_update_counts_the_items_its_lists_leave_out() -> None:
    org = make_org()
    project = make_project(org, promised_on=date(2027, 2, 1), owner=make_user(org))
    WorkItem.objects.bulk_create(
        WorkItem(
            organisation_id=org.pk,
            project=project,
            title=f"{status} {n}",
            position=n,
            status=status,
            completed_on=date(2026, 11, 20) if status == "done" else None,
            added_on=date(2026, 11, 2),
        )
        for status, count in (("done", 8), ("todo", 6))
        for n in range(count)
    )
    updates = updates_since(load_project_snapshot(project), since=None)
    assert (len(updates.done), updates.done_more) == (5, 3)
    assert (len(updates.next), updates.next_more) == (5, 1)
    shorter = updates_since(load_project_snapshot(project), since=None, limit=10)
    assert (shorter.done_more, shorter.next_more) == (0, 0)
