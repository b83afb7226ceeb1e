"""Weekly check-ins: each project's update, composed at its hour in the client's time zone."""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery

from plazo.core import compose
from plazo.core.errors import PlazoError
from plazo.store.models import (
    CheckinClaim,
    DelayCase,
    DelayCaseState,
    Forecast,
    Message,
    MessageKind,
    MessageState,
    Project,
    ProjectStatus,
)
from plazo.store.services.checkins.approvals import alert_waiting_updates
from plazo.store.services.composing import inputs
from plazo.store.services.delays.watch import watch_project
from plazo.store.services.failures.checkins import clear_checkin_failure, isolated
from plazo.store.services.forecasting.run import OrganisationHistories
from plazo.store.services.outbox.write import store_message
from plazo.store.services.unique_insert import insert_or_get
from plazo.store.services.weeks.checkin_week import checkin_week, owed_checkin_of, weekly_key
from plazo.store.services.weeks.covered import not_written_weeks
from plazo.store.services.work.snapshots import (
    ProjectSnapshot,
    iter_project_snapshots,
    load_project_snapshot,
)

__all__ = [
    "UpdateNotWritten",
    "claim_checkin",
    "compose_weekly_update_for",
    "due_checkins",
    "queue_weekly_update",
    "run_weekly_checkins",
]

log = logging.getLogger(__name__)

# A week's update is written at or after its check-in time, so any update of the current ISO week
# was created within the last 8 days (7, plus a day for the widest time-zone difference).
_WEEK_WINDOW = timedelta(days=8)


def compose_weekly_update_for(
    project: Project, *, now: datetime, language: str | None = None
) -> compose.Message:
    """Compose the project's weekly update from its latest forecast (no writes).

    ``language`` overrides the client's, for previews.
    """
    snapshot = load_project_snapshot(project)
    forecast = snapshot.latest_forecast
    if forecast is None:
        raise inputs.NotReadyToCompose(
            f"{project.name} has no forecast yet; run 'plazo forecast --all'"
        )
    last_reported_at = (
        Message.objects.filter(
            project=project, kind=MessageKind.WEEKLY_UPDATE, sent_at__isnull=False
        )
        .order_by("-sent_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return _compose(snapshot, forecast, last_reported_at, now=now, language=language)


def _compose(
    snapshot: ProjectSnapshot,
    forecast: Forecast,
    last_reported_at: datetime | None,
    *,
    now: datetime,
    language: str | None = None,
) -> compose.Message:
    """The update from what was read: the project's snapshot, its forecast, and when the last
    update the client received was written (None: there was none, so everything done so far)."""
    project = snapshot.project
    client = project.client
    today = project.client_today(now)
    return compose.compose_weekly_update(
        inputs.organisation_input(project.organisation),
        inputs.client_input(client, language=language),
        inputs.contacts_input(client),
        inputs.project_input(project),
        inputs.forecast_view(
            snapshot, forecast, today=today, notice_in_review=_notice_in_review(project)
        ),
        inputs.updates_since(snapshot, since=last_reported_at),
        sent_at=now,
        message_key=weekly_key(project, now).replace(":", "-"),
    )


def _notice_in_review(project: Project) -> bool:
    """Whether a delay notice for the project is being drafted or awaits approval."""
    return DelayCase.objects.filter(project=project, state=DelayCaseState.DRAFT).exists()


def _update_state(project: Project) -> MessageState:
    """Sent on its own, or held for the owner's approval, per organisation."""
    automatic = project.organisation.send_updates_automatically
    return MessageState.QUEUED if automatic else MessageState.DRAFT


class UpdateNotWritten(PlazoError):
    """This week's update is held or skipped by a person, or the delay notice replaces it."""


class NoWorkToReport(PlazoError):
    """The project has no work item in scope: no forecast, so no update to write."""


@transaction.atomic
def queue_weekly_update(project: Project, *, now: datetime) -> tuple[Message, bool]:
    """Put this week's update in the outbox (queued, or a draft awaiting the owner's approval).

    Refused (:class:`UpdateNotWritten`) when a person held or skipped it, or when this week's
    delay notice is the update (see :mod:`plazo.store.services.weeks.covered`).
    """
    key = weekly_key(project, now)
    existing = Message.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing, False
    if not_written_weeks([project], now=now):
        raise UpdateNotWritten(f"{project.name}: this week's update is held, skipped or replaced")
    composed = compose_weekly_update_for(project, now=now)
    return store_message(
        composed,
        organisation=project.organisation,
        project=project,
        key=key,
        state=_update_state(project),
        now=now,
    )


CLAIM_LEASE = timedelta(minutes=10)


def claim_checkin(project: Project, week: str, *, now: datetime) -> bool:
    """Take the lease on this project's update for ``week``; False when another worker holds it.

    1. Inserting the (project, week) row wins outright; the unique constraint makes one winner.
    2. Otherwise take over a claim whose lease ran out (its worker died before writing the
       update), with a compare-and-set on the old ``claimed_at``.
    """
    claim, won = insert_or_get(
        lambda: CheckinClaim.objects.create(
            organisation_id=project.organisation_id, project=project, week=week, claimed_at=now
        ),
        lambda: CheckinClaim.objects.filter(project=project, week=week).first(),
    )
    if won:
        return True
    if claim.claimed_at > now - CLAIM_LEASE:
        return False
    taken = CheckinClaim.objects.filter(pk=claim.pk, claimed_at=claim.claimed_at).update(
        claimed_at=now
    )
    return taken == 1


def _active_projects(project_ids: Collection[int] | None) -> QuerySet[Project]:
    """Active projects with a promise (those of ``project_ids`` only, when given)."""
    projects = Project.objects.filter(status=ProjectStatus.ACTIVE, promised_on__isnull=False)
    if project_ids is not None:
        projects = projects.filter(pk__in=list(project_ids))
    return projects.order_by("pk")


def _with_last_update(projects: QuerySet[Project]) -> list[Project]:
    """The projects with their clients (whose time zone says whether the update is due) and
    when the last update they sent was written (what it reported), as an annotation."""
    last_sent = (
        Message.objects.filter(
            project=OuterRef("pk"), kind=MessageKind.WEEKLY_UPDATE, sent_at__isnull=False
        )
        .order_by("-sent_at")
        .values("created_at")[:1]
    )
    return list(
        projects.select_related("client").annotate(last_update_reported_at=Subquery(last_sent))
    )


def _written_this_week(now: datetime, keys: list[str] | None = None) -> set[str]:
    """The keys of the weekly updates that may belong to the current week (one query); only
    among ``keys`` when given (a batch need not read the whole week's)."""
    updates = Message.objects.filter(kind=MessageKind.WEEKLY_UPDATE)
    if keys is None:
        updates = updates.filter(created_at__gte=now - _WEEK_WINDOW)
    else:
        updates = updates.filter(idempotency_key__in=keys)
    return set(updates.values_list("idempotency_key", flat=True))


def _due_today(project: Project, now: datetime) -> date | None:
    """The client's local date when the check-in the project owes this week has come, else None
    (a project started after this week's check-in time owes its first update next week)."""
    return project.client_today(now) if now >= owed_checkin_of(project, now) else None


def due_checkins(*, now: datetime) -> list[int]:
    """The projects whose update is due and neither written nor being written (five queries).

    Held and skipped updates, and those a delay notice replaces this week, are not due.

    The worker's tick splits this list into batches that any worker can take.
    """
    written = _written_this_week(now)
    claimed = set(
        CheckinClaim.objects.filter(claimed_at__gt=now - CLAIM_LEASE).values_list(
            "project_id", "week"
        )
    )
    due = []
    projects = list(_active_projects(None).select_related("client"))
    weeks: dict[int, str] = {}
    for project in projects:
        try:
            weeks[project.pk] = checkin_week(project, now)
        except Exception:  # a time zone stored before it was checked: a batch records why
            failed_at = project.checkin_failed_at
            if failed_at is None or failed_at <= now - CLAIM_LEASE:
                due.append(project.pk)
    projects = [project for project in projects if project.pk in weeks]
    withheld = not_written_weeks(projects, now=now)
    for project in projects:
        week = weeks[project.pk]
        key = weekly_key(project, now, week=week)
        if key in written or (project.pk, week) in claimed or _due_today(project, now) is None:
            continue
        if project.pk in withheld:
            continue
        due.append(project.pk)
    return sorted(due)


def run_weekly_checkins(
    *,
    now: datetime,
    project_ids: Collection[int] | None = None,
    histories: OrganisationHistories | None = None,
) -> list[Message]:
    """Queue every update whose check-in time this week has come and that is not written yet.

    This is the worker's job across all organisations on purpose; each message it writes belongs
    to its project's organisation. ``project_ids`` limits it to those projects (a batch);
    ``histories`` lets a worker reuse the organisations' finished work across batches. Per
    project:

    1. Skip it when its time has not come or this week's update exists (both known without a
       query per project), and when a person held or skipped it or this week's delay notice is
       the update (two queries for the batch).
    2. Claim the week, so several workers share the projects instead of racing for them.
    3. Re-forecast (which may open a delay case and alert the owner), then compose the update
       from that forecast and the project's snapshot (the due projects' are loaded a hundred at
       a time), and store it under its weekly key.
    """
    created = []
    histories = histories or OrganisationHistories()
    projects = _with_last_update(_active_projects(project_ids))
    weeks: dict[int, str] = {}
    due_today: set[int] = set()
    for project in projects:
        with isolated(project, now=now):  # a time zone stored before it was checked
            weeks[project.pk] = checkin_week(project, now)
            if _due_today(project, now) is not None:
                due_today.add(project.pk)
    keys = {p.pk: weekly_key(p, now, week=weeks[p.pk]) for p in projects if p.pk in weeks}
    written = _written_this_week(now, None if project_ids is None else list(keys.values()))
    due = [p for p in projects if p.pk in due_today and keys[p.pk] not in written]
    withheld = not_written_weeks(due, now=now)
    due = [p for p in due if p.pk not in withheld]
    last_reported = {p.pk: p.last_update_reported_at for p in due}  # type: ignore[attr-defined]
    failed = []
    for snapshot in iter_project_snapshots([p.pk for p in due]):
        project = snapshot.project
        key = keys[project.pk]
        if not claim_checkin(project, weeks[project.pk], now=now):
            continue  # another worker is composing it
        stored = None
        with isolated(project, now=now):
            stored = _check_in(snapshot, key, last_reported[project.pk], histories, now=now)
        if stored is None:
            failed.append(project)
            continue  # recorded on the project; its owner is alerted
        clear_checkin_failure(project)
        message, is_new = stored
        if is_new:
            created.append(message)
    _tell_who_approves(created, failed, now=now)
    return created


def _tell_who_approves(written: list[Message], failed: list[Project], *, now: datetime) -> None:
    """Alert the owners whose drafts were just written (one alert each, however many drafts);
    a failed check-in may be the last one such an alert waited for.

    A courtesy like the failure alerts: the updates are written either way, so an error here is
    logged and does not undo the check-ins.
    """
    if not failed and not any(m.state == MessageState.DRAFT for m in written):
        return
    try:
        with transaction.atomic():
            alert_waiting_updates(written, now=now, failed=failed)
    except Exception:
        log.exception("could not tell the owners that updates wait for their approval")


def _check_in(
    snapshot: ProjectSnapshot,
    key: str,
    last_reported_at: datetime | None,
    histories: OrganisationHistories,
    *,
    now: datetime,
) -> tuple[Message, bool]:
    """Re-forecast one project, then compose its update and store it under ``key``."""
    project = snapshot.project
    watched = watch_project(snapshot, now=now, histories=histories)
    if watched.forecast is None:
        raise NoWorkToReport(
            f"{project.name} has no work items: add its tasks to get a forecast; "
            "no weekly update is written until then"
        )
    composed = _compose(snapshot, watched.forecast, last_reported_at, now=now)
    return store_message(
        composed,
        organisation=project.organisation,
        project=project,
        key=key,
        state=_update_state(project),
        now=now,
    )
