"""Weekly check-ins: each project's update, composed at its hour in the client's time zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction

from plazo.core import compose
from plazo.core.checkin import checkin_due_at, iso_week
from plazo.store.models import (
    CheckinClaim,
    Message,
    MessageKind,
    MessageState,
    Project,
    ProjectStatus,
)
from plazo.store.services import compose_inputs as inputs
from plazo.store.services.early_warning import watch_project
from plazo.store.services.forecasting import OrganisationHistories
from plazo.store.services.outbox_write import store_message

__all__ = [
    "claim_checkin",
    "compose_weekly_update_for",
    "queue_weekly_update",
    "run_weekly_checkins",
    "weekly_key",
]


def weekly_key(project: Project, now: datetime) -> str:
    """One weekly update per project per ISO week of the client's calendar."""
    local = now.astimezone(ZoneInfo(project.client.time_zone)).date()
    return f"weekly:{project.pk}:{iso_week(local)}"


def compose_weekly_update_for(
    project: Project, *, now: datetime, language: str | None = None
) -> compose.Message:
    """Compose the project's weekly update from its latest forecast (no writes).

    ``language`` overrides the client's, for previews.
    """
    forecast = project.forecasts.order_by("-created_at", "-pk").first()
    if forecast is None:
        raise ValueError(f"{project.name} has no forecast yet; run 'plazo forecast --all'")
    client = project.client
    today = now.astimezone(ZoneInfo(client.time_zone)).date()
    last = (
        Message.objects.filter(
            project=project, kind=MessageKind.WEEKLY_UPDATE, sent_at__isnull=False
        )
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )
    since = last.date() if last else today - timedelta(days=7)
    return compose.compose_weekly_update(
        inputs.organisation_input(project.organisation),
        inputs.client_input(client, language=language),
        inputs.contacts_input(client),
        inputs.project_input(project),
        inputs.forecast_view(project, forecast, today=today),
        inputs.updates_since(project, since=since),
        sent_at=now,
        message_key=weekly_key(project, now).replace(":", "-"),
    )


@transaction.atomic
def queue_weekly_update(project: Project, *, now: datetime) -> tuple[Message, bool]:
    """Put this week's update in the outbox (queued, or a draft awaiting the owner's approval)."""
    organisation = project.organisation
    state = MessageState.QUEUED if organisation.send_updates_automatically else MessageState.DRAFT
    key = weekly_key(project, now)
    existing = Message.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing, False
    composed = compose_weekly_update_for(project, now=now)
    return store_message(
        composed, organisation=organisation, project=project, key=key, state=state, now=now
    )


CLAIM_LEASE = timedelta(minutes=10)


def claim_checkin(project: Project, week: str, *, now: datetime) -> bool:
    """Take the lease on this project's update for ``week``; False when another worker holds it.

    1. Inserting the (project, week) row wins outright; the unique constraint makes one winner.
    2. Otherwise take over a claim whose lease ran out (its worker died before writing the
       update), with a compare-and-set on the old ``claimed_at``.
    """
    try:
        with transaction.atomic():
            CheckinClaim.objects.create(
                organisation_id=project.organisation_id, project=project, week=week, claimed_at=now
            )
        return True
    except IntegrityError:
        pass
    claim = CheckinClaim.objects.filter(project=project, week=week).first()
    if claim is None or claim.claimed_at > now - CLAIM_LEASE:
        return False
    taken = CheckinClaim.objects.filter(pk=claim.pk, claimed_at=claim.claimed_at).update(
        claimed_at=now
    )
    return taken == 1


def run_weekly_checkins(*, now: datetime) -> list[Message]:
    """Queue every update whose check-in time this week has come and that is not written yet.

    This is the worker's job across all organisations on purpose; each message it writes belongs
    to its project's organisation.
    """
    created = []
    histories = OrganisationHistories()
    projects = (
        Project.objects.filter(status=ProjectStatus.ACTIVE, promised_on__isnull=False)
        .select_related("client", "organisation", "owner")
        .order_by("pk")
    )
    for project in projects:
        tz = project.client.time_zone
        local_day = now.astimezone(ZoneInfo(tz)).date()
        due = checkin_due_at(
            local_day, weekday=project.checkin_weekday, hour=project.checkin_hour, time_zone=tz
        )
        key = weekly_key(project, now)
        if now < due or Message.objects.filter(idempotency_key=key).exists():
            continue
        if not claim_checkin(project, key.rsplit(":", 1)[1], now=now):
            continue  # another worker is composing it
        # A fresh forecast for the update, and the early warning that comes with it.
        watch_project(project, now=now, history=histories.of(project.organisation_id))
        message, is_new = queue_weekly_update(project, now=now)
        if is_new:
            created.append(message)
    return created
