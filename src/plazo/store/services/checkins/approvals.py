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
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Q

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
from plazo.store.services.weeks.covered import not_written_weeks

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


def alert_waiting_updates(
    written: Sequence[Message], *, now: datetime, failed: Sequence[Project] = ()
) -> list[Message]:
    """Alert the people whose projects got a draft in ``written`` that updates wait for them.

    One alert per person (the project's owner, or the organisation's first active owner with
    an address when the project's account is no longer active) per check-in, listing all their
    waiting updates. The worker writes a check-in in batches of 25, so one person's drafts can
    come from several batches, in any order and on several workers:

    1. The key is known from the new drafts alone, so a batch whose person was already alerted
       for this check-in reads nothing more than one lookup per person.
    2. While another of the person's updates of this check-in is due and not written yet (in a
       batch still waiting or running), nobody is alerted: the batch that writes the last one
       does, after its drafts are committed, so at least the last batch to finish sees them all.
    3. ``failed`` are the projects whose check-in failed in this pass: the last of a person's
       projects may be one, and the alert then comes from its batch, listing what waits.
    """
    new_drafts = [m for m in written if m.state == MessageState.DRAFT and m.project_id]
    failed = [p for p in failed if not p.organisation.send_updates_automatically]
    alerts = []
    for org_id in sorted(
        {m.organisation_id for m in new_drafts} | {p.organisation_id for p in failed}
    ):
        new = _by_person([_project(m) for m in new_drafts if m.organisation_id == org_id])
        for person, projects in _by_person(
            [p for p in failed if p.organisation_id == org_id]
        ).items():
            new.setdefault(person, []).extend(projects)
        keys = {person: _key(org_id, person, projects, now) for person, projects in new.items()}
        existing = set(
            Message.objects.filter(idempotency_key__in=keys.values()).values_list(
                "idempotency_key", flat=True
            )
        )
        keys = {
            person: key
            for person, key in keys.items()
            if key not in existing and not _more_to_write(org_id, person, now=now)
        }
        if not keys:
            continue
        drafts = waiting_updates(org_id, now=now)
        draft_of = {m.project_id: m for m in drafts}
        waiting = _by_person([_project(m) for m in drafts])
        for person, key in keys.items():
            if waiting.get(person):
                listed = [draft_of[project.pk] for project in waiting[person]]
                alerts.append(_alert(person, listed, key, now=now))
    return alerts


def _key(org_id: int, person: User, new: Sequence[Project], now: datetime) -> str:
    """Once per person per check-in: the latest check-in among the projects just checked in."""
    latest = max(owed_checkin_of(project, now) for project in new)
    return f"updates_waiting:{org_id}:{person.pk}:{latest.astimezone(UTC):%Y-%m-%dT%H:%MZ}"


def _more_to_write(org_id: int, person: User, *, now: datetime) -> bool:
    """Whether an update of ``person``'s that is due at ``now`` is still to be written.

    Due as the tick counts it (``due_checkins``), whether or not a worker holds its claim, except
    a project whose check-in failed since its check-in time: it is retried, but it is no longer
    what the alert waits for. Held, skipped and replaced updates are never written.
    """
    candidates = Project.objects.filter(
        Q(owner=person) | Q(owner__isnull=True) | Q(owner__email="") | Q(owner__is_active=False),
        organisation_id=org_id,
        status=ProjectStatus.ACTIVE,
        promised_on__isnull=False,
    ).select_related("client", "owner", "organisation")
    due: dict[int, tuple[Project, str]] = {}
    for project in _mine(candidates, person):
        try:
            owed = owed_checkin_of(project, now)
        except Exception:  # a time zone stored before it was checked: its batch records why
            continue
        failed_at = project.checkin_failed_at
        if now >= owed and (failed_at is None or failed_at < owed):
            due[project.pk] = (project, weekly_key(project, now))
    if not due:
        return False
    written = set(
        Message.objects.filter(idempotency_key__in=[key for _, key in due.values()]).values_list(
            "idempotency_key", flat=True
        )
    )
    unwritten = [project for project, key in due.values() if key not in written]
    if not unwritten:
        return False
    withheld = not_written_weeks(unwritten, now=now)
    return any(project.pk not in withheld for project in unwritten)


def _mine(projects: Iterable[Project], person: User) -> list[Project]:
    """Those of ``projects`` whose alerts go to ``person``."""
    return _by_person(list(projects)).get(person, [])


def _by_person(projects: Sequence[Project]) -> dict[User, list[Project]]:
    """The projects by who is told: the owner, else someone who can act on them."""
    grouped: dict[User, list[Project]] = defaultdict(list)
    fallback: User | None = None
    for project in projects:
        owner = project.owner
        person = owner if owner is not None and owner.email and owner.is_active else None
        if person is None:
            fallback = fallback or alert_recipient(project)
            person = fallback
        if person is None:
            log.warning("nobody to tell that project %s's update waits", project.pk)
            continue
        grouped[person].append(project)
    return grouped


def _alert(person: User, waiting: list[Message], key: str, *, now: datetime) -> Message:
    """Queue the alert listing ``waiting`` under ``key`` (once per key)."""
    first = _project(waiting[0])
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
