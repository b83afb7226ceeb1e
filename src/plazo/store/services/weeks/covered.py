"""Which weekly updates are not written: held or skipped by a person, or covered by a notice.

A project whose delay notice was approved (queued) or sent in the client's current ISO week gets
no separate weekly update that week: **the notice is that week's update.** It already carries
the news, the new date and the plan; an "on track" update beside it would contradict it (the
client once received both in the same minute). Approving a notice therefore also withdraws the
week's update if it has not gone out yet.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from django.db import transaction

from plazo.store.models import (
    CheckinDecision,
    CheckinDecisionKind,
    Message,
    MessageKind,
    MessageState,
    Project,
)
from plazo.store.services.weeks.checkin_week import checkin_week, weekly_key

__all__ = [
    "NOTICE_STATES",
    "not_written_weeks",
    "notice_weeks",
    "withdraw_update_for_notice",
]

# A notice in these states was approved: it is, or will be, in the client's mailbox.
NOTICE_STATES = (
    MessageState.QUEUED,
    MessageState.SENDING,
    MessageState.SENT,
    MessageState.RETRY,
)
_UNSENT_UPDATE = (MessageState.DRAFT, MessageState.QUEUED, MessageState.RETRY)


def notice_weeks(projects: Collection[Project], *, now: datetime) -> dict[int, Message]:
    """For each project whose notice went out (or was approved) this client week: the notice."""
    ids = [p.pk for p in projects]
    notices = Message.objects.filter(
        project_id__in=ids,
        kind=MessageKind.DELAY_NOTICE,
        state__in=NOTICE_STATES,
        created_at__gte=now - timedelta(days=8),
    ).order_by("created_at")
    by_pk = {p.pk: p for p in projects}
    found: dict[int, Message] = {}
    for notice in notices:
        project = by_pk[notice.project_id]  # type: ignore[index]
        if checkin_week(project, notice.created_at) == checkin_week(project, now):
            found[project.pk] = notice
    return found


def not_written_weeks(projects: Collection[Project], *, now: datetime) -> set[int]:
    """The projects whose update this week must not be written: held, skipped or covered."""
    weeks = {p.pk: checkin_week(p, now) for p in projects}
    decided = CheckinDecision.objects.filter(
        project_id__in=list(weeks),
        decision__in=(CheckinDecisionKind.HOLD, CheckinDecisionKind.SKIP),
    ).values_list("project_id", "week")
    held = {pk for pk, week in decided if weeks.get(pk) == week}
    return held | set(notice_weeks(projects, now=now))


@transaction.atomic
def withdraw_update_for_notice(project: Project, *, now: datetime) -> Message | None:
    """Cancel this week's weekly update if it has not gone out: the notice replaces it."""
    update = (
        Message.objects.select_for_update()
        .filter(project=project, kind=MessageKind.WEEKLY_UPDATE, state__in=_UNSENT_UPDATE)
        .filter(idempotency_key=weekly_key(project, now))
        .first()
    )
    if update is None:
        return None
    update.state = MessageState.CANCELLED
    update.next_attempt_at = None
    update.last_error = "Replaced by this week's delay notice."
    update.save(update_fields=["state", "next_attempt_at", "last_error"])
    return update
