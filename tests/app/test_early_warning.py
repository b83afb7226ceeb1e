"""The worker acts on time: weekly check-ins at the client's hour, re-forecasts after progress,
delay cases when a promise is in danger, and escalations when a deadline passes in silence."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django_tasks_db.models import DBTaskResult

from plazo.demo import load_demo
from plazo.store.models import DelayCase, Message, Project
from plazo.store.services.checkins.weekly import run_weekly_checkins
from plazo.store.services.delays import watch as early_warning
from plazo.store.services.delays.watch import escalate_silent_deadlines
from plazo.worker.tasks import reforecast_project_task, schedule_reforecast

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = date(2026, 11, 30)  # a Monday


def _demo() -> Project:
    org = load_demo(TODAY).organisation
    return Project.objects.for_organisation(org).get(name="Informe anual interactivo")


def test_no_update_before_the_clients_checkin_hour_and_one_after() -> None:
    report = _demo()  # Grupo Alameda is in Madrid; check-in Monday 09:00 local = 08:00 UTC
    assert (report.checkin_weekday, report.checkin_hour) == (0, 9)
    before = run_weekly_checkins(now=datetime(2026, 11, 30, 7, 59, tzinfo=UTC))
    assert report.pk not in {m.project_id for m in before}
    after = run_weekly_checkins(now=datetime(2026, 11, 30, 8, 1, tzinfo=UTC))
    assert report.pk in {m.project_id for m in after}


def test_no_project_gets_two_updates_in_one_week() -> None:
    _demo()
    first = run_weekly_checkins(now=datetime(2026, 12, 4, 18, tzinfo=UTC))
    again = run_weekly_checkins(now=datetime(2026, 12, 6, 18, tzinfo=UTC))
    assert first
    assert again == []
    keys = list(
        Message.objects.filter(kind="weekly_update").values_list("idempotency_key", flat=True)
    )
    assert len(keys) == len(set(keys)) == 6


def test_updates_wait_for_approval_unless_the_organisation_sends_them_automatically() -> None:
    project = _demo()
    project.organisation.send_updates_automatically = False
    project.organisation.save()
    created = run_weekly_checkins(now=datetime(2026, 12, 4, 18, tzinfo=UTC))
    assert {m.state for m in created} == {"draft"}


def test_a_progress_change_schedules_one_debounced_reforecast() -> None:
    project = _demo()
    item = project.work_items.exclude(status="done").first()
    assert item is not None
    DBTaskResult.objects.all().delete()
    item.estimate_hours = Decimal("40")
    item.save()
    item.estimate_hours = Decimal("60")
    item.save()
    waiting = DBTaskResult.objects.filter(status="READY")
    assert waiting.count() == 1
    assert waiting.get().args_kwargs["kwargs"] == {"project_id": project.pk}
    assert schedule_reforecast(project.pk, now=datetime.now(UTC)) is False


def test_the_reforecast_opens_a_case_when_scope_grows_past_the_promise() -> None:
    project = _demo()
    for item in project.work_items.exclude(status="done"):
        item.estimate_hours = Decimal("200")
        item.save()
    case_id = reforecast_project_task.call(project_id=project.pk)
    assert case_id is not None
    case = DelayCase.objects.get(pk=case_id)
    assert (case.project_id, case.state, case.trigger) == (project.pk, "draft", "forecast")
    assert Message.objects.filter(delay_case=case, kind="owner_alert", state="queued").exists()
    assert reforecast_project_task.call(project_id=project.pk) is None  # never two open cases


def test_a_passed_promise_without_notice_is_escalated_once_a_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = _demo()
    late = datetime.combine(project.promised_on + timedelta(days=2), datetime.min.time(), UTC)  # type: ignore[operator]
    first = escalate_silent_deadlines(now=late.replace(hour=10))
    assert [m.project_id for m in first] == [project.pk] or project.pk in {
        m.project_id for m in first
    }
    watched: list[int] = []
    with monkeypatch.context() as patch:
        patch.setattr(early_warning, "watch_project", lambda s, **_: watched.append(s.project.pk))
        assert escalate_silent_deadlines(now=late.replace(hour=15)) == []
    assert project.pk not in watched  # alerted today: not even re-forecast
    next_day = escalate_silent_deadlines(now=late.replace(hour=10) + timedelta(days=1))
    assert project.pk in {m.project_id for m in next_day}
    assert DelayCase.objects.filter(project=project, trigger="forecast").exists()


def test_one_worker_holds_a_projects_checkin_until_its_lease_runs_out() -> None:
    from plazo.store.services.checkins.weekly import CLAIM_LEASE, claim_checkin

    project = _demo()
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    assert claim_checkin(project, "2026-W49", now=now) is True
    assert claim_checkin(project, "2026-W49", now=now + timedelta(minutes=1)) is False
    late = now + CLAIM_LEASE + timedelta(seconds=1)
    assert claim_checkin(project, "2026-W49", now=late) is True  # its worker died
    assert claim_checkin(project, "2026-W50", now=late) is True  # another week, another claim


def test_an_escalation_alerts_with_the_forecast_it_just_made() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    project = _demo()
    late = datetime.combine(project.promised_on + timedelta(days=2), datetime.min.time(), UTC)  # type: ignore[operator]
    with CaptureQueriesContext(connection) as queries:
        alerts = escalate_silent_deadlines(now=late.replace(hour=10))
    assert len({m.project_id for m in alerts}) >= 1

    def reads(table: str) -> int:
        return sum(
            1 for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
        )

    # The projects' latest forecasts and work items are read once, in their snapshots' load,
    # however many are re-forecast and alerted (the work items once more: the team's history).
    assert reads("plazo_forecast") == 1
    assert reads("plazo_workitem") == 2
