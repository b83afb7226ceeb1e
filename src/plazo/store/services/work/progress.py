"""Progress events from other tools (item done, added, removed, re-estimated), applied at once.

:func:`record_progress_event` is the single entry point: it applies a batch of events to one
project's work items in one transaction and returns what changed. Saving an item schedules the
project's debounced re-forecast after the commit (``plazo.worker.signals``), which is also what
opens a delay case when the promise is now in danger.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, QuerySet

from plazo.core.errors import PlazoError
from plazo.store.models import Project, WorkItem, WorkItemStatus

__all__ = [
    "ItemAdded",
    "ItemChange",
    "ItemDone",
    "ItemReestimated",
    "ItemRemoved",
    "ProgressEvent",
    "ProgressEventError",
    "ProgressRecorded",
    "record_progress_event",
]


@dataclass(frozen=True)
class ItemAdded:
    """A new task entered the scope."""

    title: str
    estimate_hours: Decimal | None = None
    estimator: str = ""
    external_id: str = ""
    on: date | None = None


@dataclass(frozen=True)
class ItemDone:
    """A task was finished, with the effort it really took when known.

    A day before the item's added day is refused, unless ``moves_added_on``: then the item is
    taken to have been in the plan since that day at the latest (never before the project's
    start), which is what a person recording work done before they typed its item in means.
    """

    item_id: int
    on: date | None = None
    actual_hours: Decimal | None = None
    moves_added_on: bool = False


@dataclass(frozen=True)
class ItemRemoved:
    """A task left the scope (its row stays, so burn-up charts show the change)."""

    item_id: int
    on: date | None = None


@dataclass(frozen=True)
class ItemReestimated:
    """A task's estimate changed."""

    item_id: int
    estimate_hours: Decimal


ProgressEvent = ItemAdded | ItemDone | ItemRemoved | ItemReestimated


class ProgressEventError(PlazoError):
    """An event cannot apply; ``index`` is its position in the batch.

    ``code`` names the rule (``done_before_added``, ``done_before_start``,
    ``done_before_started``, ``removed_before_added``, ``removed_item``, ``no_item``,
    ``external_id_taken``) and ``day`` the earliest day allowed or the day it clashed with, so a
    page can say it in its own language; the message is English, for the API and the logs.
    """

    def __init__(self, index: int, message: str, *, code: str = "", day: date | None = None):
        super().__init__(message)
        self.index = index
        self.code = code
        self.day = day


@dataclass(frozen=True)
class ItemChange:
    """One item and what happened to it."""

    kind: str
    item: WorkItem


@dataclass(frozen=True)
class ProgressRecorded:
    """What a batch of events changed in one project."""

    project: Project
    changes: list[ItemChange]


@transaction.atomic
def record_progress_event(
    project: Project, events: list[ProgressEvent], *, today: date, now: datetime | None = None
) -> ProgressRecorded:
    """Apply ``events`` in order to ``project``'s work items, all or none.

    1. Lock the project row, so concurrent batches for one project apply one after the other.
    2. Apply each event; an event that cannot apply raises :class:`ProgressEventError` and the
       transaction rolls back every earlier one.
    3. Return the changes; the saves have scheduled the re-forecast (``plazo.worker.signals``).
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    items = WorkItem.objects.for_organisation(project.organisation_id).filter(project=project)
    changes: list[ItemChange] = []
    for index, event in enumerate(events):
        if isinstance(event, ItemAdded):
            if event.external_id and (
                WorkItem.objects.for_organisation(project.organisation_id)
                .filter(external_id=event.external_id)
                .exists()
            ):
                raise ProgressEventError(
                    index, f"external id {event.external_id!r} is taken", code="external_id_taken"
                )
            last = items.aggregate(last=Max("position"))["last"]
            item = WorkItem.objects.create(
                organisation_id=project.organisation_id,
                project=project,
                title=event.title,
                estimate_hours=event.estimate_hours,
                estimator=event.estimator,
                external_id=event.external_id,
                added_on=event.on or project.entry_day(today),
                position=0 if last is None else last + 1,
            )
            changes.append(ItemChange("item_added", item))
            continue
        item = _item(items, event.item_id, index)
        if isinstance(event, ItemDone):
            item.status = WorkItemStatus.DONE
            # Work finished before the project starts counts on its start, as work added then
            # enters the plan on it.
            item.completed_on = event.on or project.entry_day(today)
            _check_done_day(item, item.completed_on, project, event, index)
            if event.actual_hours is not None:
                item.actual_hours = event.actual_hours
            # when plazo learned it (weekly updates report it once); the model stamps the clock
            # when ``now`` is not given
            item.done_recorded_at = now
            item.save(update_fields=["status", "completed_on", "actual_hours", "added_on"])
            changes.append(ItemChange("item_done", item))
        elif isinstance(event, ItemRemoved):
            removed_on = event.on or today
            if removed_on < item.added_on:
                raise ProgressEventError(
                    index,
                    f"removed before it was added ({item.added_on})",
                    code="removed_before_added",
                    day=item.added_on,
                )
            item.removed_on = removed_on
            item.save(update_fields=["removed_on"])
            changes.append(ItemChange("item_removed", item))
        else:
            item.estimate_hours = event.estimate_hours
            item.save(update_fields=["estimate_hours"])
            changes.append(ItemChange("item_reestimated", item))
    return ProgressRecorded(project, changes)


def _check_done_day(
    item: WorkItem, done_on: date, project: Project, event: ItemDone, index: int
) -> None:
    """Refuse a done day out of order; move the added day back when the event allows it."""
    if done_on < item.added_on:
        if not event.moves_added_on:
            raise ProgressEventError(
                index,
                f"done before it was added ({item.added_on})",
                code="done_before_added",
                day=item.added_on,
            )
        if done_on < project.start_on:
            raise ProgressEventError(
                index,
                f"done before the project's start ({project.start_on})",
                code="done_before_start",
                day=project.start_on,
            )
        item.added_on = done_on  # it was in the plan by the day it was finished, at the latest
    if item.started_on is not None and done_on < item.started_on:
        raise ProgressEventError(
            index,
            f"done before it was started ({item.started_on})",
            code="done_before_started",
            day=item.started_on,
        )


def _item(items: QuerySet[WorkItem], item_id: int, index: int) -> WorkItem:
    found = items.filter(pk=item_id).first()
    if found is None:
        raise ProgressEventError(index, f"no work item {item_id} in this project", code="no_item")
    if found.removed_on is not None:
        raise ProgressEventError(
            index,
            f"work item {item_id} was removed on {found.removed_on}",
            code="removed_item",
            day=found.removed_on,
        )
    return found
