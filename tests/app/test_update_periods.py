"""A delay notice stands for the weekly update that would come too soon after it (an unsent one
of its period, or the next one less than half a period away), whatever the check-in weekday and
across a year's end; and updates
begin with the project, so "send now" before its start cannot take its first update's place."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from plazo.store.models import Message, Project
from plazo.store.services.checkins.week import DecisionRefused, decide_update, this_week
from plazo.store.services.checkins.weekly import due_checkins
from plazo.store.services.weeks.checkin_week import checkin_week
from plazo.store.services.weeks.covered import not_written_weeks
from tests.app.factories import (
    UTC,
    make_client,
    make_contact,
    make_item,
    make_org,
    make_project,
    make_user,
)
from tests.app.web.helpers import make_forecast, promise

pytestmark = pytest.mark.django_db


def _project(*, weekday: int = 0, start_on: date = date(2026, 11, 2), **fields: object) -> Project:
    org = make_org()
    client = make_client(org, time_zone="Europe/Madrid", language="es")
    make_contact(client, email="mateo@example.com")
    owner = make_user(org, email="ana@estudio.example")
    project = make_project(
        org,
        client,
        start_on=start_on,
        checkin_weekday=weekday,
        checkin_hour=9,
        owner=owner,
        **fields,
    )
    promise(project, date(2027, 6, 30), made_at=datetime(2026, 10, 1, tzinfo=UTC))
    project.refresh_from_db()
    return project


def _update(project: Project, at: datetime) -> Message:
    """The update of the check-in owed at ``at``, sent then."""
    return Message.objects.create(
        organisation_id=project.organisation_id,
        project=project,
        kind="weekly_update",
        language="es",
        idempotency_key=f"weekly:{project.pk}:{checkin_week(project, at)}",
        subject="Avance semanal",
        text="Hola",
        state="sent",
        created_at=at,
        sent_at=at,
    )


def _notice(project: Project, at: datetime) -> Message:
    """A delay notice approved (and sent) at ``at``."""
    return Message.objects.create(
        organisation_id=project.organisation_id,
        project=project,
        kind="delay_notice",
        language="es",
        idempotency_key=f"delay_notice:test:{project.pk}:{at.isoformat()}",
        subject="Nueva fecha",
        text="Hola",
        state="sent",
        created_at=at,
        sent_at=at,
    )


def _replaced(project: Project, now: datetime) -> bool:
    return project.pk in not_written_weeks([project], now=now)


# Mondays at 09:00 in Madrid are 08:00 UTC in winter.
MON_W49 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
MON_W50 = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


def test_a_notice_on_sunday_evening_is_mondays_update() -> None:
    """Monday check-ins: the update went out Monday; a notice the next Sunday evening stands for
    the Monday update 13 hours later (the ISO-week rule sent both)."""
    project = _project(weekday=0)
    _update(project, MON_W49)
    _notice(project, datetime(2026, 12, 6, 19, 0, tzinfo=UTC))
    assert _replaced(project, MON_W50 + timedelta(minutes=5))
    assert project.pk not in due_checkins(now=MON_W50 + timedelta(minutes=5))


def test_a_notice_early_in_the_week_leaves_the_next_update_to_go_out() -> None:
    """Tuesday's notice, six days before the next check-in: that update goes out as usual (the
    client hears how the new plan goes a week later, not two)."""
    project = _project(weekday=0)
    _update(project, MON_W49)
    _notice(project, MON_W49 + timedelta(days=1))  # Tuesday
    assert not _replaced(project, MON_W49 + timedelta(days=2))  # this week's went out already
    assert not _replaced(project, MON_W50 + timedelta(minutes=5))


def test_a_notice_late_in_the_week_stands_for_the_next_update() -> None:
    """Friday afternoon, less than half a week before Monday's check-in: Monday's is replaced,
    the one after goes out as usual."""
    project = _project(weekday=0)
    _update(project, MON_W49)
    _notice(project, MON_W50 - timedelta(days=3))  # Friday 08:00 UTC, 72 hours before
    assert _replaced(project, MON_W50 + timedelta(minutes=5))
    assert not _replaced(project, MON_W50 + timedelta(days=7, minutes=5))
    early = _project(weekday=0)
    _update(early, MON_W49)
    _notice(early, MON_W50 - timedelta(days=3, hours=13))  # Thursday evening, 85 hours before
    assert not _replaced(early, MON_W50 + timedelta(minutes=5))


def test_a_notice_before_an_unwritten_update_is_that_update() -> None:
    """The worker was late: this week's check-in came, no update was written, then the notice."""
    project = _project(weekday=0)
    _update(project, MON_W49 - timedelta(days=7))
    _notice(project, MON_W49 + timedelta(minutes=30))
    assert _replaced(project, MON_W49 + timedelta(hours=1))
    assert not _replaced(project, MON_W50 + timedelta(minutes=5))  # one update, not two


@pytest.mark.parametrize("weekday", [2, 4, 6])
def test_the_period_is_the_same_for_every_check_in_weekday(weekday: int) -> None:
    """Wednesday, Friday or Sunday check-ins: a notice the evening before a check-in is that
    check-in's update; one the evening after it leaves it and the next alone."""
    project = _project(weekday=weekday)
    checkin = MON_W49 + timedelta(days=weekday)
    next_checkin = checkin + timedelta(days=7)
    _update(project, checkin - timedelta(days=7))
    _update(project, checkin)
    _notice(project, next_checkin - timedelta(hours=14))  # the evening before
    assert _replaced(project, next_checkin + timedelta(minutes=5))

    other = _project(weekday=weekday)
    _update(other, checkin)
    _notice(other, checkin + timedelta(hours=10))  # the evening after
    assert not _replaced(other, checkin + timedelta(hours=11))
    assert not _replaced(other, next_checkin + timedelta(minutes=5))


def test_the_period_runs_across_the_years_end() -> None:
    """Monday 28 Dec 2026 is in 2026-W53, Monday 4 Jan 2027 in 2027-W01."""
    project = _project(weekday=0)
    _update(project, datetime(2026, 12, 28, 8, 0, tzinfo=UTC))
    _notice(project, datetime(2027, 1, 3, 19, 0, tzinfo=UTC))  # Sunday evening
    first_monday = datetime(2027, 1, 4, 8, 5, tzinfo=UTC)
    assert checkin_week(project, first_monday) == "2027-W01"
    assert _replaced(project, first_monday)
    assert not _replaced(project, first_monday + timedelta(days=7))


# --- updates begin with the project -------------------------------------------------------------

THURSDAY = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
START = date(2026, 12, 14)  # a Monday, eleven days later
FIRST_CHECKIN = datetime(2026, 12, 14, 8, 0, tzinfo=UTC)


def test_send_now_before_the_project_starts_is_refused_and_the_first_update_goes_out() -> None:
    project = _project(weekday=0, start_on=START, created_at=THURSDAY - timedelta(days=1))
    make_item(project, estimate_hours=40)
    make_forecast(project, created_at=THURSDAY)
    [row] = this_week(project.organisation, now=THURSDAY)
    assert row.due_at == FIRST_CHECKIN
    assert row.not_started
    with pytest.raises(DecisionRefused, match="starts on"):
        decide_update(project, "send", now=THURSDAY)
    assert not Message.objects.filter(project=project, kind="weekly_update").exists()
    assert project.pk in due_checkins(now=FIRST_CHECKIN + timedelta(minutes=5))


def test_hold_before_the_project_starts_holds_its_first_update() -> None:
    project = _project(weekday=0, start_on=START, created_at=THURSDAY - timedelta(days=1))
    decide_update(project, "hold", now=THURSDAY)
    assert project.pk not in due_checkins(now=FIRST_CHECKIN + timedelta(minutes=5))


def test_send_now_on_the_start_day_is_the_first_update() -> None:
    """Started (its start day has come) before the first check-in: "send now" writes it."""
    project = _project(weekday=2, start_on=START, created_at=THURSDAY - timedelta(days=1))
    make_item(project, estimate_hours=40)
    monday = datetime(2026, 12, 14, 10, 0, tzinfo=UTC)
    make_forecast(project, created_at=monday)
    row = decide_update(project, "send", now=monday)
    assert row.state == "queued"
    assert project.pk not in due_checkins(now=datetime(2026, 12, 16, 8, 5, tzinfo=UTC))
