"""Updates that wait for the owner's approval: which they are, and the alert that says so.

With manual approval (the default) the worker writes each week's update as a draft, which is
never delivered until a person sends it on *This week*. Nothing else said so: a studio that did
not open *This week* every Monday sent its clients nothing. So:

- :func:`waiting_updates` lists an organisation's drafts of the current check-ins (not held or
  skipped, of active projects): the dashboard's badge counts them;
- :func:`alert_waiting_updates` runs after the worker writes drafts and queues one alert per
  person per check-in, not one per project, listing every update of theirs that waits, in the
  language they read plazo in. Its key (``updates_waiting:<organisation>:<person>:<check-in>``)
  makes it once per check-in however many workers or passes write the drafts.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from plazo.core.compose.updates_waiting import WaitingUpdate, compose_updates_waiting
from plazo.store.links import links
from plazo.store.models import (
    CheckinDecision,
    CheckinDecisionKind,
    Message,
    MessageKind,
    MessageState,
    Organisation,
    Project,
    ProjectStatus,
)
from plazo.store.services.composing import inputs
from plazo.store.services.failures.alerts import queue_owner_alert
from plazo.store.services.failures.checkins import alert_recipient
from plazo.store.services.weeks.checkin_week import checkin_week, owed_checkin_of, weekly_key

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = ["alert_waiting_updates", "waiting_updates"]

log = logging.getLogger(__name__)

# A draft of the current check-in was written at most 8 days ago (a week, plus a day for the
# widest time-zone difference); older drafts belong to check-ins *This week* no longer shows.
_WINDOW = timedelta(days=8)


def waiting_updates(organisation: Organisation | int, *, now: datetime) -> list[Message]:
    """This week's updates of ``organisation`` that wait for approval, soonest check-in first.

    One query, plus one for the decisions when any draft is found: cheap enough for every page.
    """
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    drafts = [
        draft
        for draft in Message.objects.filter(
            organisation_id=org_id,
            kind=MessageKind.WEEKLY_UPDATE,
            state=MessageState.DRAFT,
            created_at__gte=now - _WINDOW,
            project__status=ProjectStatus.ACTIVE,
            project__promised_on__isnull=False,
        )
        .select_related("project__client", "project__owner", "project__organisation")
        .order_by()
        if draft.idempotency_key == weekly_key(_project(draft), now)
    ]
    if not drafts:
        return []
    withheld = set(
        CheckinDecision.objects.filter(
            project_id__in=[d.project_id for d in drafts],
            decision__in=(CheckinDecisionKind.HOLD, CheckinDecisionKind.SKIP),
        ).values_list("project_id", "week")
    )
    waiting = [d for d in drafts if (d.project_id, checkin_week(_project(d), now)) not in withheld]
    waiting.sort(key=lambda d: (owed_checkin_of(_project(d), now), _project(d).name))
    return waiting


def _project(message: Message) -> Project:
    assert message.project is not None
    return message.project


def alert_waiting_updates(written: Sequence[Message], *, now: datetime) -> list[Message]:
    """Alert the people whose projects got a draft in ``written`` that updates wait for them.

    One alert per person (the project's owner, or the organisation's first owner with an
    address when the project's has none) per check-in, listing all their waiting updates.
    """
    new_drafts = [m for m in written if m.state == MessageState.DRAFT and m.project_id]
    alerts = []
    for org_id in sorted({m.organisation_id for m in new_drafts}):
        waiting = waiting_updates(org_id, now=now)
        by_person = _by_person(waiting)
        new_ids = {m.pk for m in new_drafts if m.organisation_id == org_id}
        for person, theirs in by_person.items():
            new = [m for m in theirs if m.pk in new_ids]
            if new:
                alerts.append(_alert(person, theirs, new, now=now))
    return alerts


def _by_person(waiting: Sequence[Message]) -> dict[User, list[Message]]:
    """The waiting updates by who is told: the owner, else someone who can act on them."""
    grouped: dict[User, list[Message]] = defaultdict(list)
    fallback: User | None = None
    for draft in waiting:
        project = _project(draft)
        owner = project.owner
        person = owner if owner is not None and owner.email and owner.is_active else None
        if person is None:
            fallback = fallback or alert_recipient(project)
            person = fallback
        if person is None:
            log.warning("nobody to tell that project %s's update waits", project.pk)
            continue
        grouped[person].append(draft)
    return grouped


def _alert(person: User, waiting: list[Message], new: list[Message], *, now: datetime) -> Message:
    """Queue the alert for the latest check-in among ``new`` (once per key)."""
    latest = max(owed_checkin_of(_project(m), now) for m in new)
    first = _project(waiting[0])
    key = (
        f"updates_waiting:{first.organisation_id}:{person.pk}:"
        f"{latest.astimezone(UTC):%Y-%m-%dT%H:%MZ}"
    )
    existing = Message.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    reader = dataclasses.replace(
        inputs.project_input(first),
        key=f"{first.organisation_id}-updates-waiting",  # one thread for these alerts
        owner_name=person.get_full_name() or person.get_username(),
        owner_email=person.email,
    )
    composed = compose_updates_waiting(
        inputs.organisation_input(first.organisation),
        reader,
        [WaitingUpdate(_project(m).name, _project(m).client.name) for m in waiting],
        week_url=links().week(),
        sent_at=now,
        message_key=key.replace(":", "-"),
        language=inputs.reader_language(first.organisation_id, person.pk),
    )
    return queue_owner_alert(composed, first, key=key, now=now)
