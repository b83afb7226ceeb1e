"""The promise ledger: the one way a project's promised date changes, and how promises end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from django.db import transaction

from plazo.core.errors import PlazoError
from plazo.core.ledger import Outcome, PromiseWarning, outcome_on_delivery, validate_new_promise
from plazo.store.models import (
    Commitment,
    Forecast,
    Message,
    Project,
    ProjectStatus,
    PromiseEvent,
    PromiseEventKind,
)

__all__ = ["PromiseRecorded", "deliver_project", "record_promise", "record_status"]


@dataclass(frozen=True)
class PromiseRecorded:
    """The new current commitment, the one it replaced (if any), and warnings for the person."""

    commitment: Commitment
    superseded: Commitment | None
    warnings: tuple[PromiseWarning, ...] = ()


@transaction.atomic
def record_promise(
    project: Project,
    promised_on: date,
    *,
    made_at: datetime,
    today: date | None = None,
    made_by: Any = None,
    made_to: str = "",
    reason: str = "",
    forecast: Forecast | None = None,
    notice: Message | None = None,
    lang: str = "en",
) -> PromiseRecorded:
    """Record a new promised date for ``project``, superseding the current one.

    1. Check the date: never in the past (``PromiseInPastError``); a warning when it is before the
       forecast's P50, because the project would probably slip twice.
    2. Lock the project row, so two people re-promising at once are serialised.
    3. Write the new commitment (history is append-only: old rows are only marked superseded).
    4. Point the old current commitment at it and mirror the date on the project.

    ``today`` defaults to the client's date at ``made_at``; an imported old promise passes an old
    ``made_at``.
    """
    warnings = validate_new_promise(
        promised_on,
        today=today or project.client_today(made_at),
        forecast_p50=forecast.finish_p50_on if forecast else None,
        lang=lang,
    )
    project = Project.objects.select_for_update().get(pk=project.pk)
    previous = Commitment.objects.filter(project=project, is_current=True).first()
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    commitment = Commitment.objects.create(
        organisation_id=project.organisation_id,
        project=project,
        promised_on=promised_on,
        made_at=made_at,
        made_by=made_by,
        made_to=made_to,
        reason=reason,
        forecast=forecast,
        notice=notice,
        is_current=True,
    )
    if previous is not None:
        previous.superseded_by = commitment
        previous.save(update_fields=["superseded_by"])
    project.promised_on = promised_on
    project.save(update_fields=["promised_on"])
    return PromiseRecorded(commitment=commitment, superseded=previous, warnings=tuple(warnings))


@transaction.atomic
def deliver_project(
    project: Project, delivered_on: date, *, today: date | None = None
) -> Commitment | None:
    """Mark ``project`` delivered and its current promise kept or broken; returns that promise.

    A delivery before the project started, or (given the client's ``today``) one in the future,
    is refused: it would resolve the promise on a day that has not happened.
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.delivered_on is not None:
        raise PlazoError(
            f"{project.name} was already delivered on {project.delivered_on}",
            code="already_delivered",
        )
    if delivered_on < project.start_on:
        raise PlazoError(
            f"{project.name} started on {project.start_on}; it cannot be delivered before that",
            code="delivered_before_start",
        )
    if today is not None and delivered_on > today:
        raise PlazoError(
            f"{delivered_on} has not come yet; mark the project delivered on the day it is",
            code="delivered_in_future",
        )
    project.status = ProjectStatus.DELIVERED
    project.delivered_on = delivered_on
    project.save(update_fields=["status", "delivered_on"])
    current = Commitment.objects.filter(project=project, is_current=True).first()
    if current is not None:
        current.outcome = outcome_on_delivery(current.promised_on, delivered_on).value
        current.resolved_on = delivered_on
        current.save(update_fields=["outcome", "resolved_on"])
    return current


@transaction.atomic
def record_status(
    project: Project, status: str, *, today: date, now: datetime | None = None
) -> Commitment | None:
    """How the current promise ends when a project is cancelled; returns that promise.

    1. Cancelled: the current promise ends ``cancelled`` on the client's ``today``, neither kept
       nor broken (the on-time rate leaves it out; a deadline that had already passed unmet
       before the cancellation still counts as missed).
    2. Taken up again (active or paused after cancelled): the promise is pending again, as it
       was; a new date is recorded as any other (:func:`record_promise`).
    3. Either way the change is kept as a :class:`PromiseEvent` of the promise (recorded at
       ``now``, default: the start of ``today``), so a cancellation undone stays in the ledger.
    4. Any other change leaves the ledger alone (delivery has its own door,
       :func:`deliver_project`).
    Call it after the status is stored; every writer of a project's status does (the dashboard
    and API through ``records.update_project``, the import plan).
    """
    promises = Commitment.objects.select_for_update().filter(project_id=project.pk)
    current = promises.filter(is_current=True).first()
    if current is None:
        return None
    if status == ProjectStatus.CANCELLED and current.outcome == Outcome.PENDING:
        current.outcome, current.resolved_on = Outcome.CANCELLED.value, today
        kind = PromiseEventKind.CANCELLED
    elif status != ProjectStatus.CANCELLED and current.outcome == Outcome.CANCELLED:
        current.outcome, current.resolved_on = Outcome.PENDING.value, None
        kind = PromiseEventKind.REOPENED
    else:
        return current
    current.save(update_fields=["outcome", "resolved_on"])
    PromiseEvent.objects.create(
        organisation_id=current.organisation_id,
        commitment=current,
        kind=kind,
        happened_on=today,
        recorded_at=now or datetime.combine(today, time(), UTC),
    )
    return current
