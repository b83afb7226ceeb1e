"""Approving a new promise re-forecasts the project at once: the portfolio is never stale."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from plazo.demo import load_demo
from plazo.store.models import DelayCase, Forecast
from plazo.store.services.delays.cases import approve_notice, open_case_if_at_risk
from plazo.store.services.delays.draft import NoticeDraft
from plazo.store.services.forecasting.run import reforecast_active
from plazo.store.services.pages.portfolio import dashboard_portfolio
from plazo.store.services.work.snapshots import load_project_snapshot
from tests.app.factories import UTC

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
AT_RISK = "Portal del inversor"


def _draft_case() -> DelayCase:
    org = load_demo(TODAY).organisation
    runs = reforecast_active(org, now=NOW)
    forecast = next(r.forecast for r in runs if r.forecast.project.name == AT_RISK)
    opened = open_case_if_at_risk(load_project_snapshot(forecast.project), forecast, now=NOW)
    assert opened is not None
    return opened[0]


def _row(case: DelayCase):  # type: ignore[no-untyped-def]
    rows = dashboard_portfolio(case.project.organisation, now=NOW).rows
    return next(r for r in rows if r.project_id == case.project_id)


def test_the_portfolio_shows_the_new_promise_forecast_right_after_approval() -> None:
    case = _draft_case()
    before = _row(case)
    assert before.health in ("late", "at_risk")
    assert case.recommended_on is not None

    approved = approve_notice(
        case,
        NoticeDraft(
            new_on=case.recommended_on,
            cause="el proveedor cambió su interfaz a mitad del proyecto",
            identified="son los cambios en la nueva interfaz",
            prevention="validaremos cada integración externa con un prototipo",
            recovery_steps=("dos personas en la integración",),
        ),
        now=NOW,
    )

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
