"""The promise ledger: the one way a project's promised date changes, and how promises end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from django.db import transaction

from plazo.core.calendar import local_day
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

__all__ = [
    "PromiseRecorded",
    "TellingError",
    "UnannouncedSlipError",
    "deliver_project",
    "record_promise",
    "record_status",
]


class UnannouncedSlipError(PlazoError):
    """A later promised date with no notice and no recorded telling: a slip the client would
    never hear of. It goes through a delay case (its notice, once approved, records the date),
    or is recorded as told outside plazo, with the day and the reason."""

    code = "slip_needs_notice"

    def __init__(self, promised_on: date, new_on: date) -> None:
        super().__init__(
            f"moving the promise from {promised_on} to the later {new_on} is a delay the client "
            "must hear of: open a delay case and approve its notice (the promise moves when you "
            "do), or, if you already told the client yourself, give the day you told them and "
            "why the date changes"
        )
        self.promised_on = promised_on
        self.new_on = new_on


class TellingError(PlazoError):
    """A telling outside plazo that cannot be recorded as given (no reason, a day to come, a
    day before the promise it replaces was made, or a date that is no slip)."""

    code = "telling_invalid"

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


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
    told_on: date | None = None,
    unannounced: bool = False,
    lang: str = "en",
) -> PromiseRecorded:
    """Record a new promised date for ``project``, superseding the current one.

    1. Check the date: never in the past (``PromiseInPastError``); a warning when it is before the
       forecast's P50, because the project would probably slip twice.
    2. Lock the project row, so two people re-promising at once are serialised.
    3. A date later than the current promise is a slip, and nobody slips in silence: it needs
       the delay ``notice`` that announces it, or ``told_on``, the day (the client's) a person
       told the client outside plazo, with a ``reason`` (:class:`TellingError` otherwise);
       without either it is refused (:class:`UnannouncedSlipError`). Only an import, which
       copies a date another tool holds, passes ``unannounced``: the ledger then lists the slip
       as made without notice. A first date, or an earlier one, is a plain change.
    4. Write the new commitment (history is append-only: old rows are only marked superseded),
       made to the client; a telling is kept as the commitment's ``told`` event.
    5. Point the old current commitment at it and mirror the date on the project.

    ``today`` defaults to the client's date at ``made_at``; an imported old promise passes an old
    ``made_at``.
    """
    today = today or project.client_today(made_at)
    warnings = validate_new_promise(
        promised_on,
        today=today,
        forecast_p50=forecast.finish_p50_on if forecast else None,
        lang=lang,
    )
    project = Project.objects.select_for_update().select_related("client").get(pk=project.pk)
    previous = Commitment.objects.filter(project=project, is_current=True).first()
    slip = previous is not None and promised_on > previous.promised_on
    if told_on is not None:
        _check_telling(
            previous,
            promised_on,
            told_on,
            reason=reason,
            today=today,
            zone=project.client.time_zone,
        )
    elif slip and notice is None and not unannounced:
        assert previous is not None
        raise UnannouncedSlipError(previous.promised_on, promised_on)
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    commitment = Commitment.objects.create(
        organisation_id=project.organisation_id,
        project=project,
        promised_on=promised_on,
        made_at=made_at,
        made_by=made_by,
        made_to=made_to or project.client.name,  # the client: one rule for every promise
        reason=reason,
        forecast=forecast,
        notice=notice,
        is_current=True,
    )
    if previous is not None:
        previous.superseded_by = commitment
        previous.save(update_fields=["superseded_by"])
    if told_on is not None:
        PromiseEvent.objects.create(
            organisation_id=project.organisation_id,
            commitment=commitment,
            kind=PromiseEventKind.TOLD,
            happened_on=told_on,
            recorded_at=made_at,
        )
    project.promised_on = promised_on
    project.save(update_fields=["promised_on"])
    return PromiseRecorded(commitment=commitment, superseded=previous, warnings=tuple(warnings))


def _check_telling(
    previous: Commitment | None,
    promised_on: date,
    told_on: date,
    *,
    reason: str,
    today: date,
    zone: str,
) -> None:
    """A telling outside plazo is recorded for a later date, with a reason, on a day that was:
    not after the client's ``today``, not before the promise it replaces was made."""
    if previous is None or promised_on <= previous.promised_on:
        raise TellingError(
            "only a later date needs the day the client was told; a first or earlier date is "
            "recorded as it is",
            field="told_on",
        )
    if not reason.strip():
        raise TellingError(
            "say why the promise changes: the ledger keeps the reason the client was given",
            field="reason",
        )
    if told_on > today:
        raise TellingError(
            f"{told_on} has not come yet: give the day you told the client", field="told_on"
        )
    made_on = local_day(previous.made_at, zone)
    if told_on < made_on:
        raise TellingError(
            f"the promise of {previous.promised_on} was made on {made_on}: the client was told "
            "of the new date after that",
            field="told_on",
        )


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
