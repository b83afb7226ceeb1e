"""A project whose check-in fails: the reason kept on the project, its owner alerted once a week.

The worker runs every organisation's check-ins in one loop, so one project's bad data (a
holiday calendar that does not exist, an owner without an e-mail address) must stop that
project only. :class:`isolated` runs one project's step and turns any error into a recorded
failure; the next successful check-in clears it.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING

from django.db import connection, transaction

from plazo.core.checkin import iso_week
from plazo.core.compose.checkin_failed import compose_checkin_failed
from plazo.store.links import links
from plazo.store.models import Membership, Message, Project
from plazo.store.services.composing import inputs
from plazo.store.services.failures.alerts import queue_owner_alert

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = ["alert_recipient", "clear_checkin_failure", "isolated", "record_checkin_failure"]

log = logging.getLogger(__name__)
_REASON_LENGTH = 500


def reason_of(error: BaseException) -> str:
    """One line a person can act on: the error's own words, or its kind when it has none."""
    text = " ".join(str(error).split())
    return (text or type(error).__name__)[:_REASON_LENGTH]


def alert_key(project: Project, now: datetime) -> str:
    """One alert per project per ISO week (UTC) however many ticks retry the check-in."""
    return f"checkin_failed:{project.pk}:{iso_week(now.date())}"


def record_checkin_failure(project: Project, error: BaseException, *, now: datetime) -> None:
    """Keep why ``project``'s check-in failed on the project and alert its owner (once)."""
    reason = reason_of(error)
    log.warning("check-in of project %s failed: %s", project.pk, reason, exc_info=error)
    Project.objects.filter(pk=project.pk).update(checkin_error=reason, checkin_failed_at=now)
    project.checkin_error, project.checkin_failed_at = reason, now
    try:
        with transaction.atomic():
            _alert(project, reason, now=now)
    except Exception:  # the alert is a courtesy: the failure is recorded either way
        log.exception("could not alert anyone of project %s's failed check-in", project.pk)


def clear_checkin_failure(project: Project) -> None:
    """Forget a recorded failure once the project's check-in runs again."""
    if project.checkin_error or project.checkin_failed_at is not None:
        Project.objects.filter(pk=project.pk).update(checkin_error="", checkin_failed_at=None)
        project.checkin_error, project.checkin_failed_at = "", None


class isolated:
    """Run the block; an error is recorded on ``project`` and not raised.

    Inside a transaction the block gets a savepoint, so an error leaves the transaction usable.
    Outside one (the worker's loops run in autocommit) each statement is its own transaction: a
    transaction per project would cost round trips for nothing (10,000 projects a Monday).
    """

    def __init__(self, project: Project, *, now: datetime) -> None:
        self.project = project
        self.now = now
        self._savepoint: transaction.Atomic | None = None

    def __enter__(self) -> None:
        if connection.in_atomic_block:
            self._savepoint = transaction.atomic()
            self._savepoint.__enter__()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if self._savepoint is not None:
            self._savepoint.__exit__(kind, error, traceback)  # rolled back on an error
        if error is None or not isinstance(error, Exception):
            return False
        record_checkin_failure(self.project, error, now=self.now)
        return True


def _alert(project: Project, reason: str, *, now: datetime) -> Message | None:
    """Queue the alert to the owner, or to another member when the owner has no address."""
    key = alert_key(project, now)
    if Message.objects.filter(idempotency_key=key).exists():
        return None
    recipient = alert_recipient(project)
    if recipient is None or project.promised_on is None:
        log.warning("nobody to alert of project %s's failed check-in", project.pk)
        return None
    name, email = recipient.get_full_name() or recipient.get_username(), recipient.email
    composed = compose_checkin_failed(
        inputs.organisation_input(project.organisation),
        dataclasses.replace(inputs.project_input(project), owner_name=name, owner_email=email),
        reason=reason,
        project_url=links().project(project.pk),
        sent_at=now,
        message_key=key.replace(":", "-"),
        language=inputs.reader_language(project.organisation_id, recipient.pk),
    )
    return queue_owner_alert(composed, project, key=key, now=now)


def alert_recipient(project: Project) -> User | None:
    """The owner when they have an address, else the first member of the organisation who has."""
    users = [project.owner] if project.owner is not None else []
    users += [
        membership.user
        for membership in Membership.objects.filter(organisation_id=project.organisation_id)
        .select_related("user")
        .order_by("-role", "created_at", "pk")  # owners first
    ]
    for user in users:
        if user.email and user.is_active:
            return user
    return None
