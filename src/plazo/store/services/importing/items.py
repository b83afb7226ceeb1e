"""Import work items; rows with an external id update the item that has it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_noop as noop

from plazo.store.models import Organisation, Project, WorkItem, WorkItemStatus, limits
from plazo.store.services.importing.common import (
    Counts,
    ProgressCallback,
    assign,
    bulk_write,
    lookup_in,
)
from plazo.store.services.importing.fields import RowReader, check_columns
from plazo.store.services.importing.problems import Problem
from plazo.store.services.importing.rows import Row, Table

__all__ = ["COLUMNS", "ItemRecord", "ItemsPlan", "consistent", "parse_items", "plan_items"]

COLUMNS = {
    "required": ("project", "title"),
    "optional": (
        "external_id", "status", "estimate_hours", "actual_hours", "estimator",
        "added_on", "removed_on", "started_on", "completed_on",
    ),
}  # fmt: skip
_WORKITEMSTATUS_VALUES = tuple(
    WorkItemStatus.values
)  # computed once: Enum lookups are slow per row
_HOURS_LIMIT = Decimal(1_000_000)  # the columns hold 8 digits with 2 decimals


@dataclass
class ItemRecord:
    """A work item as the file gives it: its project reference and the values set."""

    row: Row
    project: str
    external_id: str
    values: dict[str, Any]


def parse_items(table: Table) -> tuple[list[ItemRecord], list[Problem]]:
    """Validate every row (pure)."""
    problems, absent = check_columns(table, **COLUMNS)
    records: list[ItemRecord] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        read = RowReader(row, problems, absent)
        project = read.text("project", required=True)
        external_id = read.text("external_id")
        first = seen.setdefault(external_id, row.line) if external_id else row.line
        if first != row.line:
            read.problem(
                "external_id", noop("the same item is already on line %(line)s"), line=first
            )
        parsed: dict[str, Any] = {
            "title": read.text("title", max_length=300, required=True),
            "status": read.choice("status", _WORKITEMSTATUS_VALUES),
            "estimate_hours": read.decimal(
                "estimate_hours", above_minimum=True, maximum=limits.MAX_ITEM_HOURS
            ),
            "actual_hours": read.decimal("actual_hours", maximum=limits.MAX_ITEM_HOURS),
            "added_on": read.date("added_on"),
            "removed_on": read.date("removed_on"),
            "started_on": read.date("started_on"),
            "completed_on": read.date("completed_on"),
        }
        if read.has("estimator"):
            parsed["estimator"] = read.text("estimator", max_length=120)
        values = {column: value for column, value in parsed.items() if value is not None}
        for column, problem in limits.work_item_problems(values):
            read.problem(column, problem)
        if external_id:
            values["external_id"] = external_id
        if first == row.line:  # a duplicate is reported, and its values still checked
            records.append(ItemRecord(row, project, external_id, values))
    return records, problems


@dataclass
class ItemsPlan:
    """What the import will write."""

    counts: Counts = field(default_factory=Counts)
    new_items: list[WorkItem] = field(default_factory=list)
    changed_items: list[WorkItem] = field(default_factory=list)
    item_fields: set[str] = field(default_factory=set)

    def touched_projects(self) -> set[int]:
        """The projects whose items this import adds or changes: their forecasts are stale."""
        return {item.project_id for item in [*self.new_items, *self.changed_items]}

    def write(self, progress: ProgressCallback | None) -> None:
        """Insert and update the items in batches."""
        bulk_write(
            WorkItem,
            self.new_items,
            self.changed_items,
            self.item_fields,
            phase="work items",
            progress=progress,
        )


def plan_items(
    organisation: Organisation, records: list[ItemRecord], problems: list[Problem]
) -> ItemsPlan:
    """Match the records against the organisation's projects and items (reads only)."""
    plan = ItemsPlan()
    projects = list(Project.objects.for_organisation(organisation))
    by_external_id = {p.external_id: p for p in projects if p.external_id}
    by_name = {p.name: p for p in projects}
    existing = {
        item.external_id: item
        for item in lookup_in(
            WorkItem.objects.for_organisation(organisation),
            "external_id",
            (r.external_id for r in records if r.external_id),
        )
    }
    next_position = dict(
        WorkItem.objects.for_organisation(organisation)
        .values("project_id")
        .annotate(last=Max("position"))
        .values_list("project_id", "last")
    )
    for record in records:
        read = RowReader(record.row, problems)
        project = by_external_id.get(record.project) or by_name.get(record.project)
        if project is None:
            read.problem(
                "project",
                noop(
                    "no project named %(project)s or with that external id; import projects first"
                ),
                project=repr(record.project),
            )
            continue
        values = {**record.values, "project_id": project.pk}
        item = existing.get(record.external_id) if record.external_id else None
        if item is None:
            position = next_position.get(project.pk, -1) + 1
            next_position[project.pk] = position
            values.setdefault("added_on", project.start_on)
            item = WorkItem(organisation=organisation, position=position, **values)
            if consistent(read, item):
                plan.new_items.append(item)
                plan.counts.record("work items", created=True, changed=True)
            continue
        before = {name: getattr(item, name) for name in values}
        changed = assign(item, values)
        if not consistent(read, item):
            assign(item, before)
            continue
        if changed:
            plan.changed_items.append(item)
            plan.item_fields.update(changed)
        plan.counts.record("work items", created=False, changed=bool(changed))
    return plan


def consistent(read: RowReader, item: WorkItem) -> bool:
    """Check the rules that span columns, on the values the item would end up with."""
    ok = True
    # An unreadable completed_on has its own problem already; one message per cell is enough.
    if (
        item.status == WorkItemStatus.DONE
        and item.completed_on is None
        and not read.has("completed_on")
    ):
        read.problem("completed_on", noop("is required when status is done"))
        ok = False
    if item.removed_on is not None and item.removed_on < item.added_on:
        read.problem(
            "removed_on",
            noop("is before %(other)s (%(day)s)"),
            other="added_on",
            day=_iso(item.added_on),
        )
        ok = False
    return ok


def _iso(day: date) -> str:
    return day.isoformat()
