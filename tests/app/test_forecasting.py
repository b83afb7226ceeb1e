"""Stored projects are forecast from the organisation's own history, reproducibly."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from plazo.demo import load_demo
from plazo.store.models import Forecast, Project
from plazo.store.services.forecasting.run import organisation_history, reforecast_active

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, tzinfo=UTC)


def test_the_history_is_the_organisations_finished_work() -> None:
    org = load_demo(TODAY).organisation
    history = organisation_history(org)
    assert len(history.estimate_hours) >= 80
    assert (history.actual_hours >= 0).all()


def test_every_active_project_gets_a_forecast_and_the_at_risk_one_is_unlikely_on_time() -> None:
    org = load_demo(TODAY).organisation
    runs = {r.forecast.project.name: r.forecast for r in reforecast_active(org, now=NOW)}
    assert len(runs) == Project.objects.for_organisation(org).filter(status="active").count()
    portal = runs["Portal del inversor"]
    assert portal.p_on_time is not None
    assert portal.p_on_time < 0.2
    assert portal.recommended_on is not None
    assert portal.project.promised_on is not None
    assert portal.recommended_on > portal.project.promised_on
    assert portal.finish_p50_on <= portal.finish_p85_on <= portal.finish_p95_on  # type: ignore[operator]


def test_the_same_inputs_give_the_same_forecast_and_no_new_row() -> None:
    org = load_demo(TODAY).organisation
    first = reforecast_active(org, now=NOW)
    again = reforecast_active(org, now=NOW)
    assert all(r.stored for r in first)
    assert not any(r.stored for r in again)
    assert Forecast.objects.for_organisation(org).count() == len(first)


def test_a_new_day_is_a_new_row_kept_as_history() -> None:
    org = load_demo(TODAY).organisation
    reforecast_active(org, now=NOW)
    later = reforecast_active(org, now=NOW + timedelta(days=3))
    assert all(r.stored for r in later)
    portal = Project.objects.for_organisation(org).get(name="Portal del inversor")
    assert portal.forecasts.count() == 2
