"""One chance of meeting a date: the review page, the notice, the project page and the portfolio
give the same number, from the same latest forecast run."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from plazo.store.models import DelayCase, Forecast, Project
from plazo.store.services.delays.cases import approve_notice, reslip_chance
from plazo.store.services.delays.draft import NoticeDraft
from plazo.store.services.delays.review import review_notice
from plazo.store.services.forecasting.run import OrganisationHistories, reforecast_project
from plazo.store.services.pages.portfolio import dashboard_portfolio
from plazo.store.services.pages.project import project_page
from plazo.store.services.work.snapshots import load_project_snapshot
from tests.app.demo_case import NOW, open_at_risk_case

pytestmark = pytest.mark.django_db


def _draft(case: DelayCase) -> NoticeDraft:
    assert case.recommended_on is not None
    return NoticeDraft(
        new_on=case.recommended_on,
        cause="el proveedor cambió su interfaz a mitad del proyecto",
        identified="son los cambios en la nueva interfaz",
        prevention="validaremos cada integración externa con un prototipo",
        recovery_steps=("dos personas en la integración",),
    )


def _portfolio_chance(project: Project) -> float | None:
    rows = dashboard_portfolio(project.organisation, now=NOW).rows
    return next(r.p_on_time for r in rows if r.project_id == project.pk)


def test_the_project_page_shows_the_chance_the_review_page_gave_the_new_date() -> None:
    case = open_at_risk_case()
    draft = _draft(case)
    reviewed = review_notice(case, draft, now=NOW)
    _, told = reslip_chance(case, draft.new_on, now=NOW)  # what a re-slip notice would say
    assert reviewed.chosen_chance is not None

    approved = approve_notice(case, draft, now=NOW)

    page = project_page(Project.objects.get(pk=case.project_id), now=NOW)
    assert page.latest_forecast == approved.forecast  # the same run
    assert page.latest_forecast is not None
    assert page.latest_forecast.p_on_time == reviewed.chosen_chance
    assert _portfolio_chance(page.project) == reviewed.chosen_chance
    assert told in (None, reviewed.chosen_chance)
    assert approved.told_chance == reviewed.chosen_chance


def test_moving_the_promise_keeps_the_forecasts_dates() -> None:
    case = open_at_risk_case()
    before = case.forecast
    approved = approve_notice(case, _draft(case), now=NOW)
    after = approved.forecast
    assert after is not None
    assert after.pk != before.pk
    assert (after.finish_p50_on, after.finish_p85_on, after.finish_p95_on) == (
        before.finish_p50_on,
        before.finish_p85_on,
        before.finish_p95_on,
    )


def test_a_run_stored_before_the_approval_with_a_later_clock_is_not_the_latest() -> None:
    """A worker whose clock runs ahead stores a run against the old promise just before the owner
    approves: the approval's run, stored last, is the latest, whatever the clocks say."""
    case = open_at_risk_case()
    project = Project.objects.get(pk=case.project_id)
    item = project.work_items.filter(status="todo").order_by("pk").first()
    assert item is not None
    assert item.estimate_hours is not None
    item.estimate_hours += 1  # new inputs: the worker stores a run
    item.save()
    worker = reforecast_project(
        load_project_snapshot(project),
        today=project.client_today(NOW),
        now=NOW + timedelta(minutes=1),
        histories=OrganisationHistories(),
    ).forecast
    assert worker is not None
    assert worker.created_at > NOW

    approved = approve_notice(case, _draft(case), now=NOW)

    latest = Forecast.objects.filter(project=project).latest_run()
    assert latest == approved.forecast
    assert _portfolio_chance(project) == approved.forecast.p_on_time


def test_a_worker_run_read_before_the_approval_does_not_replace_the_approvals_run() -> None:
    """The worker read the project before the approval and stores after it: it forecasts the
    project as it is now (the new promise), not the snapshot it read."""
    case = open_at_risk_case()
    project = Project.objects.get(pk=case.project_id)
    stale = load_project_snapshot(project)  # the old promise

    approved = approve_notice(case, _draft(case), now=NOW)
    run = reforecast_project(
        stale, today=project.client_today(NOW), now=NOW, histories=OrganisationHistories()
    )

    latest = Forecast.objects.filter(project=project).latest_run()
    assert latest == approved.forecast
    assert run.forecast == approved.forecast
    assert not run.stored


def test_the_second_slip_warning_reads_the_latest_forecast_not_the_cases_first() -> None:
    """The case opened on a gloomy forecast; the project has since improved. Promising the
    latest forecast's recommended date is no "less than an even chance"."""
    case = open_at_risk_case()
    project = Project.objects.get(pk=case.project_id)
    project.capacity_hours_per_week *= 3
    project.save()
    better = reforecast_project(
        load_project_snapshot(project),
        today=project.client_today(NOW),
        now=NOW,
        histories=OrganisationHistories(),
    ).forecast
    assert better is not None
    assert better.finish_p50_on is not None
    assert case.forecast.finish_p50_on is not None
    assert better.finish_p50_on < case.forecast.finish_p50_on
    new_on = max(better.finish_p85_on, case.previous_promised_on + timedelta(days=1))
    assert new_on < case.forecast.finish_p50_on  # the case's own forecast would have warned

    approved = approve_notice(case, replace(_draft(case), new_on=new_on), now=NOW)

    assert approved.warnings == ()
