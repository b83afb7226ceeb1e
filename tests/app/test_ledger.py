"""The promise ledger keeps every promise, refuses the past, warns of a second slip, and scores."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from plazo.core.errors import PlazoError
from plazo.core.ledger import PromiseInPastError
from plazo.demo import load_demo
from plazo.store.models import Commitment, Forecast
from plazo.store.services.ledger.metrics import ledger_metrics
from plazo.store.services.ledger.promises import deliver_project, record_promise
from tests.app.factories import NOW, make_org, make_project

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)


def _forecast(project: object, p50: date) -> Forecast:
    return Forecast.objects.create(
        organisation_id=project.organisation_id,  # type: ignore[attr-defined]
        project=project,
        created_at=NOW,
        model="test",
        trials=1,
        remaining_hours=10,
        effort_p50_hours=10,
        effort_p85_hours=12,
        effort_p95_hours=14,
        finish_p50_on=p50,
        inputs_fingerprint="x",
    )


def test_a_new_promise_supersedes_the_current_one_and_keeps_it() -> None:
    project = make_project(make_org())
    first = record_promise(project, date(2026, 12, 15), made_at=NOW, reason="signed").commitment
    second = record_promise(
        project, date(2027, 1, 12), made_at=NOW, reason="slip", told_on=NOW.date()
    ).commitment

    first.refresh_from_db()
    project.refresh_from_db()
    assert project.promised_on == date(2027, 1, 12)
    assert first.is_current is False
    assert first.superseded_by == second
    dates = Commitment.objects.filter(project=project).values_list("promised_on", flat=True)
    assert list(dates) == [date(2026, 12, 15), date(2027, 1, 12)]


def test_a_promise_in_the_past_is_refused_and_changes_nothing() -> None:
    project = make_project(make_org())
    with pytest.raises(PromiseInPastError):
        record_promise(project, date(2026, 11, 30), made_at=NOW)
    assert not Commitment.objects.filter(project=project).exists()


def test_a_date_before_the_forecast_median_warns_of_a_second_slip() -> None:
    project = make_project(make_org())
    forecast = _forecast(project, p50=date(2027, 1, 20))
    recorded = record_promise(project, date(2027, 1, 12), made_at=NOW, forecast=forecast)
    assert [w.code for w in recorded.warnings] == ["below_p50"]
    assert "twice" in recorded.warnings[0].message
    spanish = record_promise(
        project,
        date(2027, 1, 13),
        made_at=NOW,
        forecast=forecast,
        lang="es",
        told_on=NOW.date(),
        reason="told by phone",
    ).warnings[0]
    assert "dos veces" in spanish.message or "otra vez" in spanish.message


def test_delivery_marks_the_current_promise_kept_or_broken() -> None:
    org = make_org()
    on_time, late = make_project(org), make_project(org)
    for project in (on_time, late):
        record_promise(project, date(2026, 12, 15), made_at=NOW)
    assert deliver_project(on_time, date(2026, 12, 15)).outcome == "kept"  # type: ignore[union-attr]
    assert deliver_project(late, date(2026, 12, 16)).outcome == "broken"  # type: ignore[union-attr]
    late.refresh_from_db()
    assert (late.status, late.delivered_on) == ("delivered", date(2026, 12, 16))
    with pytest.raises(PlazoError, match="already delivered"):
        deliver_project(late, date(2026, 12, 17))


def test_the_demo_ledger_scores_its_history() -> None:
    org = load_demo(TODAY).organisation
    metrics = ledger_metrics(org, today=datetime(2026, 11, 27, tzinfo=ZoneInfo("UTC")).date())
    assert (metrics.promises_kept, metrics.promises_broken) == (2, 1)
    assert [m.client for m in metrics.missed_without_notice] == ["Café Brisa"]
    assert metrics.notice_lead_working_days == (9,)  # eleven calendar days, nine working days
    assert metrics.re_slipped_projects == 0


def test_a_promise_counts_on_the_clients_calendar_day() -> None:
    from plazo.store.services.ledger.records import promise_records
    from tests.app.factories import make_client

    org = make_org()
    tokyo = make_project(org, make_client(org, time_zone="Asia/Tokyo"))
    late_evening_utc = datetime(2026, 11, 26, 20, 0, tzinfo=ZoneInfo("UTC"))  # 05:00 on the 27th
    record_promise(tokyo, date(2026, 12, 18), made_at=late_evening_utc)
    [record], _ = promise_records(org)
    assert record.made_on == date(2026, 11, 27)
