"""The dashboard's edits: each applies one change, then re-forecasts the project before returning.

A person who ticks a task done expects the page that answers to show the forecast that follows
from it, and the portfolio must never be stale after a decision; the worker's debounced
re-forecast (a minute after a burst of events from other tools) is for the API and trackers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from plazo.store.models import DelayCase, Forecast, Organisation, Project, WorkItem, WorkItemStatus
from plazo.store.services.checkins.waiting import refresh_waiting_update
from plazo.store.services.delays.discard import (
    close_drafts_of_ended_project,
    close_drafts_told_outside,
)
from plazo.store.services.delays.manual import propose_later_date
from plazo.store.services.delays.watch import watch_project
from plazo.store.services.forecasting.run import OrganisationHistories
from plazo.store.services.ledger.promises import record_promise
from plazo.store.services.work import records
from plazo.store.services.work.progress import (
    ItemAdded,
    ItemDone,
    ItemReestimated,
    ItemRemoved,
    ProgressEvent,
    record_progress_event,
)
from plazo.store.services.work.snapshots import load_project_snapshot

__all__ = [
    "CREATED_REASON",
    "EDITED_REASON",
    "Refreshed",
    "add_items",
    "change_item",
    "create_project",
    "edit_project",
    "finish_item",
    "move_item",
    "refresh_forecast",
    "remove_item",
    "restore_item",
    "titles_already_open",
]


# Why the ledger holds a promise made on the dashboard, when the person gave no reason; stored in
# English like every reason, and shown in the reader's language (``plazo.web.promise_reasons``).
CREATED_REASON = "Promised when the project was created."
EDITED_REASON = "Changed in the dashboard."


@dataclass(frozen=True)
class Refreshed:
    """The project's forecast after the change, and the delay case it opened, if any;
    ``proposed``: the case whose draft notice now carries the later date a person asked for
    (the promise stays until that notice is approved)."""

    project: Project
    forecast: Forecast | None
    opened: DelayCase | None
    proposed: DelayCase | None = None


def refresh_forecast(project: Project, *, now: datetime) -> Refreshed:
    """Re-forecast now (a stored row only if the inputs changed); may open a delay case."""
    project = Project.objects.select_related("client", "organisation").get(pk=project.pk)
    if project.status != "active":
        return Refreshed(project, None, None)
    watched = watch_project(
        load_project_snapshot(project), now=now, histories=OrganisationHistories()
    )
    refresh_waiting_update(project, now=now)  # a draft awaiting approval shows the change
    return Refreshed(project, watched.forecast, watched.opened)


def create_project(
    organisation: Organisation, values: dict[str, Any], *, now: datetime, made_by: Any = None
) -> Refreshed:
    """A new project, its first promise in the ledger (made by this person), and its forecast."""
    values = dict(values)
    promised_on = values.pop("promised_on", None)
    with transaction.atomic():
        project = records.create_project(organisation, values, now=now)
        if promised_on is not None:
            record_promise(
                project,
                promised_on,
                made_at=now,
                made_by=made_by,
                reason=CREATED_REASON,
            )
    return refresh_forecast(project, now=now)


def edit_project(project: Project, changes: dict[str, Any], *, now: datetime) -> Refreshed:
    """Change the project; a new promised date goes through the ledger with its reason.

    A date later than the promise, with no day the client was told (``promise_told_on``), is a
    slip the client must hear of: the promise stays, and the project's draft delay case carries
    the new date instead (:func:`propose_later_date`), for the owner to review and approve; the
    other changes are saved all the same, in the same transaction. Cancelling the project closes
    its draft delay cases with the reason (no promise left to move).
    """
    changes = dict(changes)
    new_on = changes.get("promised_on")
    slip = (
        new_on is not None
        and project.promised_on is not None
        and new_on > project.promised_on
        and changes.get("promise_told_on") is None
    )
    proposed = None
    with transaction.atomic():
        cause = ""
        if slip:
            del changes["promised_on"]
            cause = changes.pop("promise_reason", None) or ""
        told_on = changes.get("promise_told_on")
        records.update_project(project, changes, now=now)
        if told_on is not None and new_on is not None:  # the client has heard: no draft says it
            close_drafts_told_outside(project, new_on, told_on=told_on, now=now)
        if new_on is not None and slip:
            cause = "" if cause == EDITED_REASON else cause
            proposed = propose_later_date(project, new_on, now=now, cause=cause)
    close_drafts_of_ended_project(project, project.status, day=project.client_today(now), now=now)
    refreshed = refresh_forecast(project, now=now)
    return replace(refreshed, proposed=proposed)


def _apply(project: Project, events: list[ProgressEvent], now: datetime) -> Refreshed:
    record_progress_event(project, events, today=project.client_today(now), now=now)
    return refresh_forecast(project, now=now)


def add_items(
    project: Project,
    lines: list[tuple[str, Decimal | None]],
    *,
    now: datetime,
    on: date | None = None,
) -> Refreshed:
    """Add many items at once, in order (a quick add), in the plan since ``on``.

    ``on`` defaults to the client's today, or the start of a project that has not started; a
    project already under way gives the day the items entered its plan (the form keeps it
    between the project's start and that default).
    """
    added_on = on or project.entry_day(project.client_today(now))
    events: list[ProgressEvent] = [
        ItemAdded(title, estimate, on=added_on) for title, estimate in lines
    ]
    return _apply(project, events, now)


def titles_already_open(project: Project, titles: list[str]) -> list[str]:
    """The ``titles`` that name an open item of the project already (not done, not removed),
    compared without case or repeated spaces: a list pasted twice would double the scope, and
    the forecast with it, so a quick add asks before adding them."""
    open_titles = {
        _title_key(title)
        for title in project.work_items.filter(removed_on__isnull=True)
        .exclude(status=WorkItemStatus.DONE)
        .values_list("title", flat=True)
    }
    return [title for title in titles if _title_key(title) in open_titles]


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def finish_item(
    item: WorkItem, *, on: date, actual_hours: Decimal | None, now: datetime
) -> Refreshed:
    """Mark the item done on ``on`` with the effort it really took.

    A day before the item was added (work done before it was typed in) moves its added day back
    to ``on``: it was in the plan by then at the latest. Never before the project's start.
    """
    done = ItemDone(item.pk, on=on, actual_hours=actual_hours, moves_added_on=True)
    return _apply(item.project, [done], now)


def remove_item(item: WorkItem, *, now: datetime) -> Refreshed:
    """Take the item out of scope (its row stays, dated, as a scope change)."""
    return _apply(item.project, [ItemRemoved(item.pk, on=item.project.client_today(now))], now)


def restore_item(item: WorkItem, *, now: datetime) -> Refreshed:
    """Undo a removal: the task is back in the plan where it stood, as if it had never left.

    Removing is one click, so it must be undoable: a task removed by mistake (or that the client
    wants after all) comes back with its estimate, status and place in the order, and the scope
    line of the burn-up no longer drops on the day it was removed. An item in the plan already (a
    second click) is left as it is.
    """
    with transaction.atomic():
        Project.objects.select_for_update().get(pk=item.project_id)
        item.refresh_from_db()
        if item.removed_on is not None:
            records.update_work_item(item, {"removed_on": None})
    return refresh_forecast(item.project, now=now)


def change_item(
    item: WorkItem,
    *,
    estimate_hours: Decimal | None,
    status: str,
    now: datetime,
    title: str = "",
) -> Refreshed:
    """Inline edit: a new title (blank: unchanged), estimate and status (done today, back to
    work, or in progress). A title is a name only: it changes no forecast input."""
    today = item.project.client_today(now)
    if title and title != item.title:
        records.update_work_item(item, {"title": title})
    events: list[ProgressEvent] = []
    if estimate_hours is not None and estimate_hours != item.estimate_hours:
        events.append(ItemReestimated(item.pk, estimate_hours))
    if status == WorkItemStatus.DONE and item.status != WorkItemStatus.DONE:
        events.append(ItemDone(item.pk, on=item.project.entry_day(today)))
    if events:
        record_progress_event(item.project, events, today=today, now=now)
    if status != WorkItemStatus.DONE and status != item.status:
        item.refresh_from_db()
        reopened = {"status": status, "completed_on": None, "actual_hours": None}
        records.update_work_item(
            item, reopened if item.status == WorkItemStatus.DONE else {"status": status}
        )
    return refresh_forecast(item.project, now=now)


@transaction.atomic
def _swap(item: WorkItem, direction: int) -> None:
    Project.objects.select_for_update().get(pk=item.project_id)
    items = list(
        WorkItem.objects.filter(project_id=item.project_id, removed_on__isnull=True).order_by(
            "position", "pk"
        )
    )
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + direction
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])


def move_item(item: WorkItem, *, up: bool, now: datetime) -> Refreshed:
    """Move the item one place up or down the plan (the order the forecast works through)."""
    if item.removed_on is None:
        _swap(item, -1 if up else 1)
    return refresh_forecast(item.project, now=now)
