"""The demo's at-risk project on the demo's own day: its forecast, the delay case it opens, and
a notice for that case approved with plain facts."""

from __future__ import annotations

from datetime import date, datetime

from plazo.demo import load_demo
from plazo.store.models import DelayCase, Forecast
from plazo.store.services.delays.cases import NoticeApproved, approve_notice, open_case_if_at_risk
from plazo.store.services.delays.draft import NoticeDraft
from plazo.store.services.forecasting.run import reforecast_active
from plazo.store.services.work.snapshots import load_project_snapshot
from tests.app.factories import UTC

__all__ = [
    "AT_RISK",
    "NOW",
    "TODAY",
    "approve_plain_notice",
    "at_risk_forecast",
    "open_at_risk_case",
]

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # the forecast's day: its chances still hold
AT_RISK = "Portal del inversor"


def at_risk_forecast() -> Forecast:
    """The demo loaded on TODAY and forecast at NOW: the forecast of its at-risk project."""
    org = load_demo(TODAY).organisation
    runs = reforecast_active(org, now=NOW)
    return next(r.forecast for r in runs if r.forecast.project.name == AT_RISK)


def open_at_risk_case(forecast: Forecast | None = None) -> DelayCase:
    """The draft delay case the at-risk forecast opens (``forecast``: one already made)."""
    forecast = forecast or at_risk_forecast()
    opened = open_case_if_at_risk(load_project_snapshot(forecast.project), forecast, now=NOW)
    assert opened is not None
    return opened[0]


def approve_plain_notice(case: DelayCase) -> NoticeApproved:
    """Approve the notice for the case's recommended date: one cause, assurance and step."""
    assert case.recommended_on is not None
    draft = NoticeDraft(
        new_on=case.recommended_on,
        cause="el proveedor cambió su interfaz a mitad del proyecto",
        identified="son los cambios en la nueva interfaz",
        prevention="validaremos cada integración externa con un prototipo",
        recovery_steps=("dos personas en la integración",),
    )
    return approve_notice(case, draft, now=NOW)
