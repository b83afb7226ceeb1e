"""Import a History CSV (DESIGN §5): finished tasks become done work items of delivered projects.

Tasks attach to the project of the same name. A project that does not exist yet is created as
delivered (started on its first task, delivered on its last) for the client named by the
``client`` option, which is created when it does not exist. History rows have no ids, so each
item gets a derived external id (``history:`` + a digest of project, task, completion date and
how many times that triple already appeared in the file): importing the same file twice updates
the items instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_noop as noop

from plazo.store.models import (
    Client,
    Organisation,
    Project,
    ProjectStatus,
    WorkItem,
    WorkItemStatus,
)
from plazo.store.services.importing.common import Counts, ProgressCallback, bulk_write
from plazo.store.services.importing.fields import RowReader, check_columns
from plazo.store.services.importing.items import ItemRecord, ItemsPlan, consistent, plan_items
from plazo.store.services.importing.problems import Problem
from plazo.store.services.importing.rows import Table

__all__ = ["COLUMNS", "DEFAULT_HISTORY_CLIENT", "HistoryPlan", "parse_history", "plan_history"]

COLUMNS = {
    "required": ("project", "task", "estimate", "actual", "completed_on"),
    "optional": ("estimator", "started_on"),
}
DEFAULT_HISTORY_CLIENT = "Imported history"
_HOURS_LIMIT = Decimal(1_000_000)


def parse_history(table: Table) -> tuple[list[ItemRecord], list[Problem]]:
    """Validate every row (pure) into done work-item records with derived external ids."""
    problems, absent = check_columns(table, **COLUMNS)
    records: list[ItemRecord] = []
    occurrences: Counter[tuple[str, str, str]] = Counter()
    for row in table.rows:
        read = RowReader(row, problems, absent)
        project = read.text("project", required=True)
        task = read.text("task", max_length=300, required=True)
        estimate = read.decimal("estimate", above_minimum=True, below=_HOURS_LIMIT, required=True)
        actual = read.decimal("actual", below=_HOURS_LIMIT, required=True)
        completed_on = read.date("completed_on", required=True)
        started_on = read.date("started_on")
        estimator = read.text("estimator", max_length=120)
        if started_on and completed_on and started_on > completed_on:
            read.problem(
                "started_on",
                noop("is after %(other)s (%(day)s)"),
                other="completed_on",
                day=completed_on,
            )
        key = (project, task, str(completed_on))
        occurrences[key] += 1
        digest = hashlib.sha256(repr((*key, occurrences[key])).encode()).hexdigest()[:32]
        values = {
            "title": task,
            "status": WorkItemStatus.DONE.value,
            "estimate_hours": estimate,
            "actual_hours": actual,
            "estimator": estimator,
            "started_on": started_on,
            "completed_on": completed_on,
            "added_on": started_on or completed_on,
            "external_id": f"history:{digest}",
        }
        records.append(ItemRecord(row, project, f"history:{digest}", values))
    return records, problems


@dataclass
class HistoryPlan:
    """The projects (and client) to create first, then the items."""

    client: Client
    new_projects: list[Project]
    items: ItemsPlan
    counts: Counts = field(default_factory=Counts)

    def touched_projects(self) -> set[int]:
        """None that is forecast: history is finished work (it is read at the next forecast)."""
        return set()

    def write(self, progress: ProgressCallback | None) -> None:
        """Create the client and projects when new, then write the items."""
        # Django fills each foreign key from its (by then saved) related object on insert.
        if self.client._state.adding:
            self.client.save()
        bulk_write(Project, self.new_projects, [], [], phase="projects", progress=progress)
        self.items.write(progress)


def plan_history(
    organisation: Organisation,
    records: list[ItemRecord],
    problems: list[Problem],
    *,
    client_name: str,
) -> HistoryPlan:
    """Find or plan the client and the projects, then plan the items (reads only)."""
    counts = Counts()
    client = (
        Client.objects.for_organisation(organisation)
        .filter(external_id=client_name)
        .exclude(external_id="")
        .first()
        or Client.objects.for_organisation(organisation).filter(name=client_name).first()
    )
    if client is None:
        client = Client(
            organisation=organisation,
            name=client_name,
            language=organisation.language,
            time_zone=organisation.time_zone,
        )
        counts.record("clients", created=True, changed=True)
    existing = set(Project.objects.for_organisation(organisation).values_list("name", flat=True))
    spans: dict[str, tuple[date, date]] = {}
    for record in records:
        if record.project in existing:
            continue
        first: date | None = record.values["added_on"]
        last: date | None = record.values["completed_on"]
        if first is None or last is None:
            continue  # a row with a bad date has its problem already; it will not be written
        known = spans.get(record.project, (first, last))
        spans[record.project] = (min(known[0], first), max(known[1], last))
    new_projects = [
        Project(
            organisation=organisation,
            client=client,
            name=name,
            status=ProjectStatus.DELIVERED,
            start_on=start_on,
            delivered_on=delivered_on,
            currency=organisation.currency,
            country=organisation.country,
        )
        for name, (start_on, delivered_on) in spans.items()
    ]
    if new_projects:
        counts.created["projects"] += len(new_projects)
    items = _plan_items_with(organisation, records, problems, new_projects)
    counts.created.update(items.counts.created)
    counts.updated.update(items.counts.updated)
    counts.unchanged.update(items.counts.unchanged)
    return HistoryPlan(client, new_projects, items, counts)


def _plan_items_with(
    organisation: Organisation,
    records: list[ItemRecord],
    problems: list[Problem],
    new_projects: list[Project],
) -> ItemsPlan:
    """Plan items as if the new projects existed (they are matched by name, not by key)."""
    fresh = {project.name: project for project in new_projects}
    positions: Counter[str] = Counter()
    plan = plan_items(organisation, [r for r in records if r.project not in fresh], problems)
    for record in (r for r in records if r.project in fresh):
        project = fresh[record.project]
        item = WorkItem(organisation=organisation, project=project, **record.values)
        if consistent(RowReader(record.row, problems), item):
            item.position = positions[record.project]
            positions[record.project] += 1
            plan.new_items.append(item)
            plan.counts.record("work items", created=True, changed=True)
    return plan
