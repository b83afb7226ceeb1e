"""This week's updates, for the person who runs the weekly loop: see, send now, hold or skip.

:func:`this_week` is the read model of ``/week/``; :func:`decide_update` is the one use case
behind its buttons. The worker honours the decisions through
:func:`plazo.store.services.weeks.covered.not_written_weeks`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from django.db import transaction

from plazo.core.errors import PlazoError
from plazo.store.models import (
    CheckinDecision,
    CheckinDecisionKind,
    DelayCase,
    DelayCaseState,
    Message,
    MessageState,
    Organisation,
    Project,
    ProjectStatus,
)
from plazo.store.services.checkins.waiting import APPROVABLE, refresh_waiting_update
from plazo.store.services.checkins.weekly import compose_weekly_update_for
from plazo.store.services.delays.watch import watch_project
from plazo.store.services.forecasting.run import OrganisationHistories
from plazo.store.services.outbox.write import store_message
from plazo.store.services.weeks.checkin_week import (
    begins_of,
    checkin_week,
    owed_checkin_of,
    weekly_key,
)
from plazo.store.services.weeks.covered import notice_weeks
from plazo.store.services.work.snapshots import load_project_snapshot

__all__ = [
    "DecisionRefused",
    "UpdateChanged",
    "WeekRow",
    "decide_update",
    "this_week",
    "update_version",
]


@dataclass(frozen=True)
class WeekRow:
    """One project's update this week: when it is due, to whom, and what became of it."""

    project: Project
    week: str
    due_at: datetime
    recipients: tuple[str, ...]
    message: Message | None  # the update, once written
    decision: CheckinDecision | None
    notice: Message | None  # this week's delay notice, which replaces the update
    # A draft delay case: while it waits, the update never says "on track" (health_to_tell).
    draft_case: DelayCase | None = None

    due_now: bool = False  # its check-in time has come and nothing is written yet
    not_started: bool = False  # the project has not begun: its first update waits for it

    @property
    def state(self) -> str:
        """sent, queued, held, skipped, replaced, draft (awaiting approval), due or upcoming."""
        if self.notice is not None and (self.message is None or self.message.state == "cancelled"):
            return "replaced"
        if self.message is not None and self.message.state in ("sent", "sending"):
            return "sent"
        if self.decision is not None and self.decision.decision != CheckinDecisionKind.SEND:
            return "held" if self.decision.decision == CheckinDecisionKind.HOLD else "skipped"
        if self.message is not None:
            return {"queued": "queued", "retry": "queued", "draft": "draft"}.get(
                self.message.state, self.message.state
            )
        return "due" if self.due_now else "upcoming"

    @property
    def can_send(self) -> bool:
        return self.state in ("upcoming", "due", "draft", "held", "skipped")

    @property
    def can_send_now(self) -> bool:
        """Whether *Send now* applies: not before the project begins."""
        return self.can_send and not self.not_started


class DecisionRefused(PlazoError):
    """The update cannot take that decision now (sent already, or replaced by the notice)."""


class UpdateChanged(DecisionRefused):
    """*Send now* on a text older than the one that would go out: nothing was sent.

    ``text`` is the update as it stands now (the stored draft, already rewritten), for the page
    to show before the person sends again.
    """

    def __init__(self, text: str) -> None:
        super().__init__(
            "the text you read is no longer what would be sent; read the new text and send again"
        )
        self.text = text


class _Readable(Protocol):
    """An update's words: a stored :class:`Message`, or one composed and not stored yet."""

    @property
    def subject(self) -> str: ...

    @property
    def text(self) -> str: ...


def update_version(text: str) -> str:
    """A short fingerprint of an update's text, the words *This week* shows: the page sends
    back the one it showed. (Not the subject: the page does not show it, and it names the day
    it is sent, so an approval the day after the check-in would be refused for nothing.)"""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def this_week(
    organisation: Organisation, *, now: datetime, project_ids: list[int] | None = None
) -> list[WeekRow]:
    """Every active project with a promise (or those of ``project_ids``): this week's update,
    soonest check-in first. Seven queries, whatever the number of projects."""
    chosen = Project.objects.for_organisation(organisation).filter(
        status=ProjectStatus.ACTIVE, promised_on__isnull=False
    )
    if project_ids is not None:
        chosen = chosen.filter(pk__in=project_ids)
    projects = list(chosen.select_related("client").prefetch_related("client__contacts"))
    keys = {p.pk: weekly_key(p, now) for p in projects}
    messages = {
        m.idempotency_key: m for m in Message.objects.filter(idempotency_key__in=keys.values())
    }
    decisions = {
        (d.project_id, d.week): d for d in CheckinDecision.objects.filter(project_id__in=list(keys))
    }
    notices = notice_weeks(projects, now=now)
    drafts = {
        case.project_id: case
        for case in DelayCase.objects.filter(project_id__in=list(keys), state=DelayCaseState.DRAFT)
    }
    rows = []
    for project in projects:
        week = checkin_week(project, now)
        due_at = owed_checkin_of(project, now)
        rows.append(
            WeekRow(
                project=project,
                week=week,
                due_at=due_at,
                due_now=due_at <= now,
                not_started=now < begins_of(project),
                recipients=tuple(c.email for c in project.client.contacts.all() if c.email),
                message=messages.get(keys[project.pk]),
                decision=decisions.get((project.pk, week)),
                notice=notices.get(project.pk),
                draft_case=drafts.get(project.pk),
            )
        )
    rows.sort(key=lambda row: (row.due_at, row.project.name))
    return rows


def _row(project: Project, now: datetime) -> WeekRow:
    rows = this_week(project.organisation, now=now, project_ids=[project.pk])
    if not rows:
        raise DecisionRefused(f"{project.name} is not active with a promise; it has no update")
    return rows[0]


def decide_update(
    project: Project,
    decision: str,
    *,
    now: datetime,
    by: Any = None,
    reason: str = "",
    seen_version: str = "",
) -> WeekRow:
    """Send this week's update now, hold it, or skip it with a reason; returns the row after.

    1. *send*: the update is written from a fresh forecast (a draft is rewritten from it, under
       its key: :mod:`plazo.store.services.checkins.waiting`) and queued in the outbox at once;
       the next worker pass delivers it. With ``seen_version`` (the :func:`update_version` of
       the text the person read), a text that changed since is not sent: the draft keeps the
       new text and :class:`UpdateChanged` carries it, so what is approved is what goes out.
    2. *hold*: nothing is written or sent this week until the person sends it; a queued update
       goes back to draft.
    3. *skip*: the same, for good this week, with the reason kept.
    A sent update, or one the week's delay notice replaces, refuses every decision; *send* is
    refused before the project begins: its first update period has not opened, and an update
    sent then would take the first check-in's place (hold and skip are kept for that one).
    """
    if decision not in CheckinDecisionKind.values:
        raise DecisionRefused(f"unknown decision {decision!r}")
    if decision == CheckinDecisionKind.SKIP and not reason.strip():
        raise DecisionRefused("say why the update is skipped; the reason is kept")
    project = Project.objects.select_related("client", "organisation", "owner").get(pk=project.pk)
    row = _row(project, now)
    if row.state in ("sent", "replaced"):
        raise DecisionRefused(
            "this week's update was already sent"
            if row.state == "sent"
            else "this week's delay notice is the update; nothing else goes out"
        )
    if decision == CheckinDecisionKind.SEND and row.not_started:
        raise DecisionRefused(
            f"{project.name} starts on {project.start_on:%Y-%m-%d}: its first update is due "
            f"at its first check-in ({row.due_at:%Y-%m-%d %H:%M %Z}); nothing is sent before"
        )
    if decision == CheckinDecisionKind.SEND:
        # the update reads the forecast as of now, whether it is written now or was a draft
        watch_project(load_project_snapshot(project), now=now, histories=OrganisationHistories())
    changed: _Readable | None = None
    with transaction.atomic():
        key = weekly_key(project, now)
        if decision == CheckinDecisionKind.SEND:
            going = _to_send(project, key, now)
            if seen_version and update_version(going.text) != seen_version:
                changed = going  # the rewritten draft is kept: the page shows it next
            else:
                _record(project, row.week, decision, by=by, reason=reason, now=now)
                _queue(project, key, now, going)
        else:
            _record(project, row.week, decision, by=by, reason=reason, now=now)
            Message.objects.filter(
                idempotency_key=key, state__in=(MessageState.QUEUED, MessageState.RETRY)
            ).update(state=MessageState.DRAFT, next_attempt_at=None, queued_at=None)
    if changed is not None:
        raise UpdateChanged(changed.text)
    return _row(project, now)


def _record(
    project: Project, week: str, decision: str, *, by: Any, reason: str, now: datetime
) -> None:
    CheckinDecision.objects.update_or_create(
        project=project,
        week=week,
        defaults={
            "organisation_id": project.organisation_id,
            "decision": decision,
            "reason": reason.strip()[:300],
            "decided_by": by,
            "decided_at": now,
        },
    )


def _to_send(project: Project, key: str, now: datetime) -> _Readable:
    """The week's update as it would go out now: the stored draft, rewritten from the latest
    forecast (a draft written at the check-in tells what is true now, not then), or, when none
    is stored, the update composed now (not stored yet)."""
    refreshed = refresh_waiting_update(project, now=now, states=APPROVABLE, always=True)
    if refreshed is not None:
        return refreshed
    existing = Message.objects.select_for_update().filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    return compose_weekly_update_for(project, now=now)


def _queue(project: Project, key: str, now: datetime, going: _Readable) -> None:
    """Queue the week's update: the stored draft (rewritten just before), or ``going``, the
    one composed now, stored queued."""
    if not isinstance(going, Message):
        store_message(
            going,  # type: ignore[arg-type]
            organisation=project.organisation, project=project, key=key,
            state=MessageState.QUEUED, now=now,
        )  # fmt: skip
        return
    if going.state in (MessageState.DRAFT, MessageState.CANCELLED):
        going.state = MessageState.QUEUED
        going.queued_at = going.next_attempt_at = now
        going.save(update_fields=["state", "queued_at", "next_attempt_at"])
