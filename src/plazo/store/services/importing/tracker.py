"""Write what a tracker importer fetched (GitHub, Jira), all or nothing, through the import plans.

The records become the same project and item records a CSV import builds, so matching by
external id, validation and batched writes are shared; promised dates go through the ledger and
closed milestones (released versions) are delivered through it, so promises are kept or broken.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Max

from plazo.core.calendar import local_day
from plazo.core.tracker import TrackerBatch, TrackerItem, TrackerProject
from plazo.store.models import Client, Organisation, Project, WorkItem
from plazo.store.services.importing.common import Counts, Reforecast, lookup_in
from plazo.store.services.importing.items import ItemRecord, plan_items
from plazo.store.services.importing.problems import ImportRejected, Problem
from plazo.store.services.importing.projects import ProjectRecord, plan_projects
from plazo.store.services.importing.rows import Row
from plazo.store.services.ledger.promises import record_promise

__all__ = ["TrackerReport", "import_tracker", "sync_since"]


@dataclass(frozen=True)
class TrackerReport:
    """What a tracker import wrote (or, on a dry run, would write), and what it left out."""

    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    skipped: dict[str, int]
    pages: int
    dry_run: bool
    touched_projects: tuple[int, ...]


def sync_since(
    organisation: Organisation, project_external_ids: Iterable[str]
) -> dict[str, datetime]:
    """For each project plazo holds items of, a time no later than its last sync.

    Items keep no "updated at", but every date they hold (added, completed, removed) is of an
    event the tracker had recorded before the sync that stored it. The day before the newest such
    date (a margin for time zones) is therefore safe to pass as ``since``: nothing updated after
    the last sync can be older. Projects without items get no entry: fetch them in full.
    """
    newest = (
        WorkItem.objects.for_organisation(organisation)
        .filter(project__external_id__in=list(project_external_ids))
        .values("project__external_id")
        .annotate(added=Max("added_on"), completed=Max("completed_on"), removed=Max("removed_on"))
    )
    since: dict[str, datetime] = {}
    for row in newest:
        days = [day for day in (row["added"], row["completed"], row["removed"]) if day is not None]
        since[row["project__external_id"]] = datetime.combine(
            max(days) - timedelta(days=1), time(), tzinfo=UTC
        )
    return since


def import_tracker(
    organisation: Organisation,
    batch: TrackerBatch,
    *,
    client_name: str,
    source: str,
    now: datetime,
    dry_run: bool = False,
    reforecast: Reforecast | None = None,
) -> TrackerReport:
    """Write ``batch`` into ``organisation`` in one transaction, or nothing if any record is bad.

    1. Find the client by external id or name, or create it.
    2. Plan and write the projects; record changed promised dates and new deliveries in the
       ledger (``promise_made_at`` as when each promise was made).
    3. Plan and write the items, matched by external id.
    4. After commit, call ``reforecast`` once per project whose items or promise changed (bulk
       writes send no save signals, so the caller says how re-forecasts are scheduled).
    A dry run does all of it, counts, then rolls back.
    """
    counts = Counts()
    with transaction.atomic():
        client = _client(organisation, client_name, counts)
        touched = _write_projects(organisation, batch.projects, client, counts, source, now)
        touched |= _write_items(organisation, batch.items, counts)
        if dry_run:
            transaction.set_rollback(True)
        elif reforecast is not None:
            for project_id in sorted(touched):
                transaction.on_commit(partial(reforecast, project_id))
    return TrackerReport(
        created=dict(counts.created),
        updated=dict(counts.updated),
        unchanged=dict(counts.unchanged),
        skipped=dict(batch.skipped),
        pages=batch.pages,
        dry_run=dry_run,
        touched_projects=tuple(sorted(touched)),
    )


def _client(organisation: Organisation, name: str, counts: Counts) -> Client:
    clients = Client.objects.for_organisation(organisation)
    client = clients.filter(external_id=name).exclude(external_id="").first()
    client = client or clients.filter(name=name).first()
    if client is None:
        client = Client.objects.create(
            organisation=organisation,
            name=name,
            language=organisation.language,
            time_zone=organisation.time_zone,
        )
        counts.record("clients", created=True, changed=True)
    return client


def _write_projects(
    organisation: Organisation,
    found: list[TrackerProject],
    client: Client,
    counts: Counts,
    source: str,
    now: datetime,
) -> set[int]:
    """Write the projects; returns the ids of those whose promise or delivery changed."""
    problems: list[Problem] = []
    delivered = set(
        Project.objects.for_organisation(organisation)
        .filter(external_id__in=[p.external_id for p in found], delivered_on__isnull=False)
        .values_list("external_id", flat=True)
    )
    today = local_day(now, client.time_zone)
    records = [
        ProjectRecord(
            Row(number, {}),
            client.external_id or client.name,
            project.name,
            project.external_id,
            _project_values(project),
            project.promised_on,
            None if project.external_id in delivered else _delivered_on(project, today),
        )
        for number, project in enumerate(found, start=1)
    ]
    plan = plan_projects(organisation, records, problems, source=source, now=now)
    _reject(problems, [project.external_id for project in found])
    promises, plan.promises = plan.promises, []  # recorded below, each with its own made_at
    deliveries, plan.deliveries = plan.deliveries, []  # after the promises they settle
    plan.write(None)
    _merge(counts, plan.counts)
    made_at = {project.external_id: project.promise_made_at for project in found}
    touched: set[int] = set()
    for project, promised_on in promises:
        when = min(made_at[project.external_id] or now, now)
        # An old milestone's due date may be past: record it as of when it was made.
        record_promise(
            project,
            promised_on,
            made_at=when,
            today=min(when.date(), promised_on),
            reason=f"Imported from {source}.",
            unannounced=True,  # the tracker's date: a later one is listed as moved unannounced
        )
        touched.add(project.pk)
    # Closed milestones and released versions: the import plan's one delivery path (the checks
    # a CSV row's delivered_on gets, then the ledger), once their promises are recorded.
    plan.deliveries = deliveries
    plan.write_deliveries()
    touched.update(project.pk for project, _ in deliveries)
    return touched


def _delivered_on(project: TrackerProject, today: date) -> date | None:
    """The day a closed milestone or released version was delivered, as the plan takes it.

    Its closing or release day, but never after the client's today (Jira lets a version be
    released with a release date still to come: it shipped by today at the latest) nor before
    the project's start (a milestone closed before its first issue was opened).
    """
    if project.delivered_on is None:
        return None
    day = min(project.delivered_on, today)
    if project.start_on is not None:
        day = max(day, project.start_on)
    return day


def _project_values(project: TrackerProject) -> dict[str, Any]:
    values: dict[str, Any] = {"name": project.name, "external_id": project.external_id}
    if project.start_on is not None:
        values["start_on"] = project.start_on
    return values


def _write_items(organisation: Organisation, found: list[TrackerItem], counts: Counts) -> set[int]:
    """Write the items; returns the ids of the projects whose items were created or changed.

    An item moved to another milestone changes two projects: the one it left counts too.
    """
    problems: list[Problem] = []
    records = [
        ItemRecord(Row(number, {}), item.project_external_id, item.external_id, _item_values(item))
        for number, item in enumerate(found, start=1)
    ]
    left = {
        item.external_id: item.project_id
        for item in lookup_in(
            WorkItem.objects.for_organisation(organisation).only("external_id", "project_id"),
            "external_id",
            (item.external_id for item in found),
        )
    }
    plan = plan_items(organisation, records, problems)
    _reject(problems, [item.external_id for item in found])
    plan.write(None)
    _merge(counts, plan.counts)
    touched = {item.project_id for item in [*plan.new_items, *plan.changed_items]}
    return touched | {left[item.external_id] for item in plan.changed_items}


def _item_values(item: TrackerItem) -> dict[str, Any]:
    """What the tracker owns of an item; estimates and actuals only when it gives them."""
    values: dict[str, Any] = {
        "external_id": item.external_id,
        "title": item.title,
        "status": item.status,
        "added_on": item.added_on,
        "completed_on": item.completed_on,
        "removed_on": item.removed_on,
    }
    if item.estimate_hours is not None:
        values["estimate_hours"] = item.estimate_hours
    if item.actual_hours is not None:
        values["actual_hours"] = item.actual_hours
    return values


def _reject(problems: list[Problem], external_ids: list[str]) -> None:
    """Raise when there are problems, each naming the record (its "line" is its position)."""
    if problems:
        raise ImportRejected(
            [
                Problem(p.line, p.column, f"{external_ids[p.line - 1]}: {p.message}")
                for p in problems
            ]
        )


def _merge(counts: Counts, more: Counts) -> None:
    counts.created.update(more.created)
    counts.updated.update(more.updated)
    counts.unchanged.update(more.unchanged)
