"""This week's loop: the worker honours hold and skip, send now queues at once, and a delay
notice approved or sent this week is that week's update (no separate "on track" update)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail

from plazo.demo import load_demo
from plazo.demo.cycle import PORTAL_CAUSE, PORTAL_IDENTIFIED, PORTAL_PREVENTION, PORTAL_STEPS
from plazo.store.models import DelayCase, Forecast, Message, Project
from plazo.store.services.checkins.week import DecisionRefused, decide_update, this_week
from plazo.store.services.checkins.weekly import due_checkins, run_weekly_checkins
from plazo.store.services.delays.cases import approve_notice, open_case_if_at_risk
from plazo.store.services.delays.draft import NoticeDraft
from plazo.store.services.forecasting.run import reforecast_active
from plazo.worker.due import deliver_outbox

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)  # a Monday
AFTER_CHECKINS = datetime(2026, 12, 6, 18, tzinfo=UTC)  # Sunday: every demo check-in is due


def _demo() -> dict[str, Project]:
    org = load_demo(TODAY).organisation
    return {p.name: p for p in Project.objects.for_organisation(org).select_related("client")}


def _approve_portal(projects: dict[str, Project], now: datetime) -> DelayCase:
    portal = projects["Portal del inversor"]
    for run in reforecast_active(portal.organisation, now=now):
        open_case_if_at_risk(run.snapshot, run.forecast, now=now)
    case = DelayCase.objects.get(project=portal, state="draft")
    assert case.recommended_on is not None
    draft = NoticeDraft(
        new_on=case.recommended_on,
        cause=PORTAL_CAUSE,
        identified=PORTAL_IDENTIFIED,
        prevention=PORTAL_PREVENTION,
        recovery_steps=tuple(PORTAL_STEPS),
    )
    approve_notice(case, draft, now=now)
    return case


def test_held_and_skipped_updates_are_not_written_by_the_worker() -> None:
    projects = _demo()
    held, skipped = projects["Informe anual interactivo"], projects["Portal del inversor"]
    decide_update(held, "hold", now=AFTER_CHECKINS)
    decide_update(skipped, "skip", now=AFTER_CHECKINS, reason="el cliente está de vacaciones")
    assert held.pk not in due_checkins(now=AFTER_CHECKINS)
    written = {m.project_id for m in run_weekly_checkins(now=AFTER_CHECKINS)}
    assert held.pk not in written
    assert skipped.pk not in written
    assert len(written) == 4
    states = {row.project.pk: row.state for row in this_week(held.organisation, now=AFTER_CHECKINS)}
    assert (states[held.pk], states[skipped.pk]) == ("held", "skipped")


def test_a_decision_last_week_does_not_hold_this_weeks_update() -> None:
    project = _demo()["Informe anual interactivo"]
    decide_update(project, "hold", now=AFTER_CHECKINS - timedelta(days=7))
    assert project.pk in due_checkins(now=AFTER_CHECKINS)


def test_hold_takes_a_queued_update_back_and_send_now_queues_it_for_the_next_pass() -> None:
    project = _demo()["Informe anual interactivo"]
    project.organisation.send_updates_automatically = True
    project.organisation.save()
    [update] = [m for m in run_weekly_checkins(now=AFTER_CHECKINS) if m.project_id == project.pk]
    assert update.state == "queued"
    decide_update(project, "hold", now=AFTER_CHECKINS)
    update.refresh_from_db()
    assert update.state == "draft"
    assert not Message.objects.filter(project=project, state="queued").exists()
    decide_update(project, "send", now=AFTER_CHECKINS)
    update.refresh_from_db()
    assert update.state == "queued"
    sent = deliver_outbox(now=AFTER_CHECKINS, rng=random.Random(0)).sent
    assert update.pk in sent
    with pytest.raises(DecisionRefused, match="already sent"):
        decide_update(project, "hold", now=AFTER_CHECKINS)


def test_send_now_before_the_checkin_writes_and_queues_the_update_from_a_fresh_forecast() -> None:
    project = _demo()["Informe anual interactivo"]
    monday_early = datetime(2026, 11, 30, 6, tzinfo=UTC)  # before 09:00 in Madrid
    assert project.pk not in due_checkins(now=monday_early)
    row = decide_update(project, "send", now=monday_early)
    assert row.state == "queued"
    update = Message.objects.get(project=project, kind="weekly_update")
    assert update.state == "queued"
    assert update.recipients
    assert Forecast.objects.filter(project=project, created_at=monday_early).exists()
    assert Message.objects.filter(project=project, kind="weekly_update").count() == 1


def test_skipping_needs_a_reason() -> None:
    project = _demo()["Informe anual interactivo"]
    with pytest.raises(DecisionRefused, match="say why"):
        decide_update(project, "skip", now=AFTER_CHECKINS, reason="  ")


def test_a_notice_approved_this_week_is_that_weeks_update() -> None:
    projects = _demo()
    monday_early = datetime(2026, 11, 30, 6, tzinfo=UTC)
    case = _approve_portal(projects, monday_early)
    written = run_weekly_checkins(now=AFTER_CHECKINS)
    assert case.project_id not in {m.project_id for m in written}
    assert len(written) == 5
    row = next(
        r
        for r in this_week(case.project.organisation, now=AFTER_CHECKINS)
        if r.project.pk == case.project_id
    )
    assert row.state == "replaced"
    assert row.notice is not None
    with pytest.raises(DecisionRefused, match="notice is the update"):
        decide_update(case.project, "send", now=AFTER_CHECKINS)


def test_approving_a_notice_withdraws_the_weeks_unsent_update() -> None:
    projects = _demo()
    portal = projects["Portal del inversor"]
    [update] = [m for m in run_weekly_checkins(now=AFTER_CHECKINS) if m.project_id == portal.pk]
    assert update.state in ("draft", "queued")  # not sent yet
    _approve_portal(projects, AFTER_CHECKINS + timedelta(minutes=5))
    update.refresh_from_db()
    assert update.state == "cancelled"
    deliver_outbox(now=AFTER_CHECKINS + timedelta(minutes=6), rng=random.Random(0))
    kinds = [m.kind for m in Message.objects.filter(project=portal, state="sent")]
    assert "weekly_update" not in kinds
    assert "delay_notice" in kinds
    assert not [m for m in mail.outbox if "Vamos bien" in m.body]


def test_last_weeks_notice_does_not_replace_this_weeks_update() -> None:
    projects = _demo()
    case = _approve_portal(projects, datetime(2026, 11, 27, 10, tzinfo=UTC))  # the Friday before
    written = run_weekly_checkins(now=AFTER_CHECKINS)
    assert case.project_id in {m.project_id for m in written}


def test_the_portfolio_forecast_follows_the_new_promise_as_soon_as_it_is_approved() -> None:
    projects = _demo()
    now = datetime(2026, 11, 30, 6, tzinfo=UTC)
    case = _approve_portal(projects, now)
    case.project.refresh_from_db()
    latest = Forecast.objects.filter(project=case.project).order_by("-created_at", "-pk").first()
    assert latest is not None
    assert case.project.promised_on == case.recommended_on
    # The forecast after approval measures the new promise: the chance of the recommended date.
    assert latest.p_on_time is not None
    assert latest.p_on_time >= 0.8


def test_this_weeks_page_reads_a_fixed_number_of_times(
    django_assert_max_num_queries: object,
) -> None:
    projects = _demo()
    org = next(iter(projects.values())).organisation
    run_weekly_checkins(now=AFTER_CHECKINS)
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        rows = this_week(org, now=AFTER_CHECKINS)
    assert len(rows) == 6
    assert {row.state for row in rows} <= {"queued", "draft"}


def test_a_project_without_a_promise_has_no_update_to_decide() -> None:
    project = _demo()["Informe anual interactivo"]
    Project.objects.filter(pk=project.pk).update(status="paused")
    with pytest.raises(DecisionRefused, match="not active"):
        decide_update(project, "hold", now=AFTER_CHECKINS)
