"""A week's check-ins are handed out in batches that any worker can take, once per tick."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from plazo.demo import load_demo
from plazo.store.models import CheckinClaim, Message, Project
from plazo.store.services.checkins.weekly import due_checkins, run_weekly_checkins
from plazo.store.services.weeks.checkin_week import weekly_key
from plazo.worker import tasks
from plazo.worker.tasks import checkin_batch, fan_out_checkins

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = date(2026, 11, 30)  # a Monday
FRIDAY = datetime(2026, 12, 4, 18, tzinfo=UTC)  # every demo check-in of the week is due


@pytest.fixture
def projects() -> list[int]:
    org = load_demo(TODAY).organisation
    DBTaskResult.objects.all().delete()  # the demo's own re-forecasts
    return sorted(
        Project.objects.for_organisation(org)
        .filter(status="active", promised_on__isnull=False)
        .values_list("pk", flat=True)
    )


def _batches() -> list[dict[str, object]]:
    path = f"{checkin_batch.func.__module__}.{checkin_batch.func.__qualname__}"
    results = DBTaskResult.objects.filter(task_path=path, status="READY").order_by("enqueued_at")
    return [r.args_kwargs["kwargs"] for r in results]


def test_the_due_projects_are_the_ones_neither_written_nor_claimed(projects: list[int]) -> None:
    assert due_checkins(now=FRIDAY) == projects
    first, second, *rest = projects
    project = Project.objects.get(pk=first)
    run_weekly_checkins(now=FRIDAY, project_ids=[first])  # written
    week = weekly_key(Project.objects.get(pk=second), FRIDAY).rsplit(":", 1)[1]
    CheckinClaim.objects.create(
        organisation_id=project.organisation_id, project_id=second, week=week, claimed_at=FRIDAY
    )  # being written by a live worker
    assert due_checkins(now=FRIDAY) == rest
    # A claim whose lease ran out (its worker died) is due again.
    assert second in due_checkins(now=FRIDAY + timedelta(minutes=11))


def test_a_project_is_due_from_its_clients_checkin_hour(projects: list[int]) -> None:
    report = Project.objects.get(pk__in=projects, name="Informe anual interactivo")
    # Grupo Alameda is in Madrid; check-in Monday 09:00 local = 08:00 UTC
    assert report.pk not in due_checkins(now=datetime(2026, 11, 30, 7, 59, tzinfo=UTC))
    assert report.pk in due_checkins(now=datetime(2026, 11, 30, 8, 1, tzinfo=UTC))


def test_a_tick_hands_the_week_out_in_batches_once(
    projects: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tasks, "CHECKIN_BATCH", 4)
    assert fan_out_checkins(now=FRIDAY) == 2
    batches = _batches()
    assert [b["project_ids"] for b in batches] == [projects[:4], projects[4:]]
    assert fan_out_checkins(now=FRIDAY) == 0  # the batches still wait: no second hand-out
    for kwargs in batches:
        checkin_batch.call(**kwargs)  # type: ignore[arg-type]
    written = Message.objects.filter(kind="weekly_update", project_id__in=projects)
    assert sorted(written.values_list("project_id", flat=True)) == projects
    assert due_checkins(now=FRIDAY) == []


def test_a_batch_taken_twice_writes_each_update_once(projects: list[int]) -> None:
    as_of = FRIDAY.isoformat()
    first = checkin_batch.call(project_ids=projects, as_of=as_of)
    again = checkin_batch.call(project_ids=projects, as_of=as_of)
    assert first["updates"] == len(projects)
    assert again["updates"] == 0
    assert Message.objects.filter(kind="weekly_update").count() == len(projects)


def test_a_worker_reuses_an_organisations_history_until_it_is_old(projects: list[int]) -> None:
    from plazo.store.services.forecasting.run import OrganisationHistories

    org_id = Project.objects.get(pk=projects[0]).organisation_id
    clock = [0.0]
    histories = OrganisationHistories(max_age_seconds=300, clock=lambda: clock[0])
    first = histories.of(org_id)
    clock[0] = 299.0
    assert histories.of(org_id) is first  # one reading for many batches
    clock[0] = 300.0
    assert histories.of(org_id) is not first  # then read again: new finished work counts


def test_the_latest_forecasts_read_in_bulk_are_each_projects_newest(projects: list[int]) -> None:
    from plazo.store.services.work.snapshots import load_project_snapshots

    run_weekly_checkins(now=FRIDAY)  # a second forecast for every project
    snapshots = load_project_snapshots(projects)
    assert set(snapshots) == set(projects)
    for project in Project.objects.filter(pk__in=projects):
        newest = project.forecasts.latest_run()
        assert newest is not None
        assert snapshots[project.pk].latest_forecast == newest
    assert load_project_snapshots([max(projects) + 1000]) == {}
