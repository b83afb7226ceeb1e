"""Early warning: re-forecast a project, open a delay case when its promise is in danger, and
escalate every day a promised date has passed without a notice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction

from plazo.core import compose
from plazo.store.links import links
from plazo.store.models import (
    OPEN_CASE_STATES,
    Commitment,
    DelayCase,
    Forecast,
    Message,
    MessageState,
    Project,
    ProjectStatus,
)
from plazo.store.services.composing import inputs
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.failures.checkins import isolated
from plazo.store.services.forecasting.run import OrganisationHistories, reforecast_project
from plazo.store.services.outbox.write import store_message
from plazo.store.services.work.snapshots import ProjectSnapshot, load_project_snapshots

__all__ = ["Watched", "escalate_silent_deadlines", "watch_project"]


@dataclass(frozen=True)
class Watched:
    """What watching a project found: its current forecast and the case it opened, if any."""

    forecast: Forecast | None  # None: the project has no work to forecast
    opened: DelayCase | None


def watch_project(
    snapshot: ProjectSnapshot, *, now: datetime, histories: OrganisationHistories
) -> Watched:
    """Re-forecast the project and open a delay case if it is now at risk."""
    today = snapshot.project.client_today(now)
    forecast = reforecast_project(snapshot, today=today, now=now, histories=histories).forecast
    if forecast is None:
        return Watched(None, None)
    opened = open_case_if_at_risk(snapshot, forecast, now=now)
    return Watched(forecast, opened[0] if opened else None)


def escalate_silent_deadlines(*, now: datetime) -> list[Message]:
    """Alert the owner, once a day, of every passed promise the client was not told about.

    A promise counts as told when a delay notice was sent for it (the commitment that replaced it
    points at the notice) — so a project is escalated until the owner approves a notice.
    """
    alerts = []
    histories = OrganisationHistories()
    # No time zone is more than a day ahead of UTC: promises from then on have not passed.
    projects = Project.objects.filter(
        status=ProjectStatus.ACTIVE, promised_on__lt=now.date() + timedelta(days=1)
    ).select_related("client")
    silent = []
    for project in projects:
        # One project's bad data (recorded on it) must not stop the others' escalations.
        with isolated(project, now=now):
            if _passed_in_silence(project, now=now):
                silent.append(project.pk)
    snapshots = load_project_snapshots(silent)
    for snapshot in (snapshots[pk] for pk in silent if pk in snapshots):
        alert = None
        with isolated(snapshot.project, now=now):
            watched = watch_project(snapshot, now=now, histories=histories)
            today = snapshot.project.client_today(now)
            alert = _escalation(snapshot, watched.forecast, now=now, today=today)
        if alert is not None:
            alerts.append(alert)
    return alerts


def _passed_in_silence(project: Project, *, now: datetime) -> bool:
    """The promise passed, the client was not told, and today's alert is not out yet."""
    today = project.client_today(now)
    assert project.promised_on is not None
    if project.promised_on >= today:
        return False
    if Message.objects.filter(idempotency_key=_escalation_key(project, today)).exists():
        return False  # today's alert is out: no need to forecast again every tick
    current = Commitment.objects.filter(project=project, is_current=True).first()
    return not (
        current is not None and current.notice_id is not None and current.promised_on >= today
    )


def _escalation_key(project: Project, today: date) -> str:
    return f"escalation:{project.pk}:{today.isoformat()}"


@transaction.atomic
def _escalation(
    snapshot: ProjectSnapshot, forecast: Forecast | None, *, now: datetime, today: date
) -> Message | None:
    """The day's alert from the forecast just made (the key makes a second one impossible)."""
    project = snapshot.project
    key = _escalation_key(project, today)
    if forecast is None or forecast.finish_p50_on is None:
        return None
    case = DelayCase.objects.filter(project=project, state__in=OPEN_CASE_STATES).first()
    link = links().delay_case(case.pk) if case else links().project(project.pk)
    composed = compose.compose_owner_alert(
        inputs.organisation_input(project.organisation),
        inputs.project_input(project),
        inputs.forecast_view(snapshot, forecast, today=today),
        client_name=project.client.name,
        draft_url=link,
        sent_at=now,
        message_key=f"escalation-{today.isoformat()}",
        language=inputs.owner_language(project),
    )
    message, created = store_message(
        composed,
        organisation=project.organisation_id,
        project=project,
        key=key,
        state=MessageState.QUEUED,
        now=now,
        delay_case=case,
    )
    return message if created else None
