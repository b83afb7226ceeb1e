"""Deliver a project: settle its promise in the ledger and queue the client's "delivered" note.

The web's *Mark delivered* and the API's ``PATCH status=delivered`` both come here, so a project
never becomes delivered without its promise being settled, nor without the client being told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction

from plazo.core.errors import PlazoError
from plazo.store.models import Commitment, Message, MessageState, Project, ProjectStatus
from plazo.store.services.checkins.preview import compose_delivered_for
from plazo.store.services.delays.discard import (
    close_drafts_of_ended_project,
    close_drafts_told_outside,
)
from plazo.store.services.ledger.promises import deliver_project
from plazo.store.services.outbox.write import store_message
from plazo.store.services.work import records

__all__ = ["Delivered", "change_project", "deliver", "delivered_key"]

_UNSET: Any = object()


@dataclass(frozen=True)
class Delivered:
    """The settled promise (None without one), the queued note, or why the client was not told."""

    promise: Commitment | None
    message: Message | None
    not_told: str = ""


def delivered_key(project: Project) -> str:
    """One "delivered" note per project: a project is delivered once."""
    return f"delivered:{project.pk}"


@transaction.atomic
def deliver(project: Project, delivered_on: date, *, now: datetime) -> Delivered:
    """Mark ``project`` delivered on ``delivered_on`` and tell the client, in one transaction.

    1. Settle the current promise, kept or broken (``deliver_project`` refuses a day before the
       start or after the client's today, and a second delivery).
    2. Compose the "delivered" note (thanks, the finished items, how the offer is applied) and
       queue it in the outbox: marking the project delivered is the person's decision to tell
       the client, as *Send now* is for a weekly update. The worker sends it.
    3. The project's draft delay cases are closed with the reason: the promise is settled.
    4. A note that cannot be composed (no promise, no contact with an address) does not undo
       the delivery: the reason is returned, for the person to hear.
    """
    promise = deliver_project(project, delivered_on, today=project.client_today(now))
    close_drafts_of_ended_project(project, ProjectStatus.DELIVERED, day=delivered_on, now=now)
    project = Project.objects.select_related("client", "organisation", "owner").get(pk=project.pk)
    try:
        with transaction.atomic():  # a refusal below leaves the delivery itself in place
            composed = compose_delivered_for(project, now=now)
            message, _ = store_message(
                composed,
                organisation=project.organisation,
                project=project,
                key=delivered_key(project),
                state=MessageState.QUEUED,
                now=now,
            )
    except PlazoError as error:
        return Delivered(promise, None, str(error))
    return Delivered(promise, message)


@transaction.atomic
def change_project(project: Project, changes: dict[str, Any], *, now: datetime) -> Project:
    """Change the fields named; ``status="delivered"`` (or a ``delivered_on``) delivers it.

    The delivery goes through :func:`deliver`, as the web's *Mark delivered* does: the promise is
    settled and the client told. A delivered project stays delivered, on the day it was.
    """
    changes = dict(changes)
    delivered_on = _delivery_asked(project, changes, now=now)
    told_on, new_on = changes.get("promise_told_on"), changes.get("promised_on")
    project = records.update_project(project, changes, now=now)
    if told_on is not None and new_on is not None:
        close_drafts_told_outside(project, new_on, told_on=told_on, now=now)
    close_drafts_of_ended_project(
        project, project.status, day=project.client_today(now), now=now
    )  # a cancelled project's drafts: nothing left to tell
    if delivered_on is not None:
        try:
            deliver(project, delivered_on, now=now)
        except PlazoError as error:
            if error.code == "already_delivered":
                raise records.Conflict("status", str(error)) from None
            raise records.InvalidField("delivered_on", str(error)) from None
        project.refresh_from_db()
    return project


def _delivery_asked(project: Project, changes: dict[str, Any], *, now: datetime) -> date | None:
    """Take ``status`` and ``delivered_on`` out of ``changes``; the day to deliver on, if any."""
    status = changes.pop("status", None)
    day = changes.pop("delivered_on", _UNSET)
    if project.status == ProjectStatus.DELIVERED or project.delivered_on is not None:
        if status not in (None, ProjectStatus.DELIVERED):
            raise records.InvalidField(
                "status",
                f"the project was delivered on {project.delivered_on} and its promise settled "
                "in the ledger; a delivered project stays delivered",
            )
        if day is not _UNSET and day != project.delivered_on:
            raise records.InvalidField(
                "delivered_on",
                f"the project was delivered on {project.delivered_on}; a delivery is recorded once",
            )
        return None
    delivering = status == ProjectStatus.DELIVERED or day not in (_UNSET, None)
    if not delivering:
        if status is not None:
            changes["status"] = status
        return None
    if status not in (None, ProjectStatus.DELIVERED):
        raise records.InvalidField(
            "status",
            f"a delivered_on delivers the project: send status 'delivered' or leave status out, "
            f"not {status!r}",
        )
    return project.client_today(now) if day in (_UNSET, None) else day
