"""Which weekly updates are not written: held or skipped by a person, or covered by a notice.

**An update's period** runs from the project's check-in before it to its own check-in, in the
client's time zone with the project's weekday and hour: Monday 09:00's update answers for the
week since the previous Monday 09:00, a Friday check-in's for the week since last Friday's. The
first period opens when the project begins (:func:`plazo.core.checkin.project_begins`).

**A delay notice stands for the weekly update that would come too soon after it**
(:func:`replaced_checkin`): the client gets no separate update for that check-in. The notice
already carries the news, the new date and the plan; an "on track" update beside it would
contradict it (the client once received both in the same minute, and, under an ISO-week rule, a
Sunday-evening notice and Monday's update thirteen hours apart).
- Approved after a check-in whose update has not gone out (late, held, awaiting approval): it is
  that check-in's update, and approving it withdraws the unsent one.
- Approved after the update of its period went out: it stands for the next check-in's update
  only if that check-in is less than half a period away (:data:`TOO_SOON`, three and a half days
  for a weekly update); further off, that update goes out as usual, so a client never waits about
  two weeks after a notice to hear how the new plan goes.

Check-ins are named by the ISO week of their date (one per week, so across a year's end too:
Monday 28 Dec 2026 is ``2026-W53``, Monday 4 Jan 2027 ``2027-W01``); the period itself does not
depend on where a calendar week starts.
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
from plazo.store.services.weeks.checkin_week import (
    checkin_label,
    checkin_week,
    following_checkin_of,
    owed_checkin_of,
    weekly_key,
)

__all__ = [
    "NOTICE_STATES",
    "TOO_SOON",
    "not_written_weeks",
    "notice_weeks",
    "replaced_checkin",
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


# Updates in these states went out (or are going out): a notice cannot stand for them.
_OUT = (MessageState.SENDING, MessageState.SENT)
# A notice stands for a check-in at most a week after it, and the owed check-in is at most a
# week old: older notices cover no check-in the worker or *This week* can ask about.
_NOTICE_WINDOW = timedelta(days=16)


# A notice this close before a check-in stands for its update (half a weekly period).
TOO_SOON = timedelta(days=3, hours=12)


def replaced_checkin(project: Project, approved_at: datetime, *, went_out: bool) -> datetime | None:
    """The check-in whose update a notice approved at ``approved_at`` stands for, if any.

    The check-in the project owed then (:func:`owed_checkin_of`), unless it had come and its
    update had gone out (``went_out``): then the following check-in, when it is less than
    :data:`TOO_SOON` away, else none (that update goes out as usual).
    """
    owed = owed_checkin_of(project, approved_at)
    if owed <= approved_at and went_out:
        following = following_checkin_of(project, owed)
        return following if following - approved_at < TOO_SOON else None
    return owed


def _owed_key(project: Project, at: datetime) -> str:
    return weekly_key(project, at, week=checkin_week(project, at))


def notice_weeks(projects: Collection[Project], *, now: datetime) -> dict[int, Message]:
    """For each project whose approved notice stands for the update it owes at ``now``: the
    notice (two queries for any number of projects)."""
    by_pk = {p.pk: p for p in projects}
    notices = list(
        Message.objects.filter(
            project_id__in=list(by_pk),
            kind=MessageKind.DELAY_NOTICE,
            state__in=NOTICE_STATES,
            created_at__gte=now - _NOTICE_WINDOW,
        ).order_by("created_at")
    )
    owed_then = {  # the key of the update each project owed when its notice was approved
        notice.pk: _owed_key(by_pk[notice.project_id], notice.created_at)  # type: ignore[index]
        for notice in notices
    }
    out = set(
        Message.objects.filter(
            idempotency_key__in=set(owed_then.values()),
            kind=MessageKind.WEEKLY_UPDATE,
            state__in=_OUT,
        ).values_list("idempotency_key", flat=True)
    )
    found: dict[int, Message] = {}
    for notice in notices:
        project = by_pk[notice.project_id]  # type: ignore[index]
        went_out = owed_then[notice.pk] in out
        replaced = replaced_checkin(project, notice.created_at, went_out=went_out)
        if replaced is not None and checkin_label(project, replaced) == checkin_week(project, now):
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
