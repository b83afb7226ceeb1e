"""Approving a new promise re-forecasts the project at once: the portfolio is never stale."""

from __future__ import annotations

import pytest

from plazo.store.models import DelayCase, Forecast
from plazo.store.services.pages.portfolio import dashboard_portfolio
from tests.app.demo_case import NOW, approve_plain_notice, open_at_risk_case

pytestmark = pytest.mark.django_db


def _row(case: DelayCase):  # type: ignore[no-untyped-def]
    rows = dashboard_portfolio(case.project.organisation, now=NOW).rows
    return next(r for r in rows if r.project_id == case.project_id)


def test_the_portfolio_shows_the_new_promise_forecast_right_after_approval() -> None:
    case = open_at_risk_case()
    before = _row(case)
    assert before.health in ("late", "at_risk")
    assert case.recommended_on is not None

    approved = approve_plain_notice(case)

    after = _row(case)
    latest = Forecast.objects.filter(project=case.project).latest_run()
    assert approved.forecast == latest
    assert latest is not None
    assert latest.created_at == NOW
    assert after.promised_on == case.recommended_on
    assert after.p_on_time == latest.p_on_time
    assert after.p_on_time is not None
    assert after.p_on_time >= 0.8  # the recommended date is the forecast's P85-ish date
    assert after.health != "late"
