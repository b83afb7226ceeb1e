"""Import projects; rows match existing ones by external id, then by name."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, Literal

from django.utils.translation import gettext_noop as noop

from plazo.store.models import Client, Organisation, Project, ProjectStatus, limits
from plazo.store.services.delays.discard import close_drafts_of_ended_project
from plazo.store.services.importing.common import Counts, ProgressCallback, assign, bulk_write
from plazo.store.services.importing.fields import RowReader, check_columns
from plazo.store.services.importing.problems import Problem
from plazo.store.services.importing.rows import Row, Table
from plazo.store.services.ledger.promises import deliver_project, record_promise, record_status
from plazo.store.services.work.records import organisation_owner

__all__ = ["COLUMNS", "ProjectRecord", "ProjectsPlan", "parse_projects", "plan_projects"]

COLUMNS = {
    "required": ("client", "name"),
    "optional": (
        "external_id", "status", "start_on", "delivered_on", "promised_on", "stake", "stake_on",
        "capacity_hours_per_week", "value", "currency", "country", "subdivision",
        "confidence_target", "risk_threshold", "checkin_weekday", "checkin_hour",
    ),
}  # fmt: skip
_PROJECTSTATUS_VALUES = tuple(ProjectStatus.values)  # computed once: Enum lookups are slow per row
_ONE = Decimal(1)


@dataclass
class ProjectRecord:
    """A project as the file gives it: its client reference, the values set, the promise."""

    row: Row
    client: str
    name: str
    external_id: str
    values: dict[str, Any]
    promised_on: date | None
    delivered_on: date | None = None  # delivered through the ledger, never set directly


def parse_projects(table: Table) -> tuple[list[ProjectRecord], list[Problem]]:
    """Validate every row (pure)."""
    problems, absent = check_columns(table, **COLUMNS)
    records: list[ProjectRecord] = []
    seen: dict[tuple[str, str], int] = {}
    for row in table.rows:
        read = RowReader(row, problems, absent)
        client = read.text("client", required=True)
        name = read.text("name", required=True)
        external_id = read.text("external_id")
        key = ("external_id", external_id) if external_id else ("name", name)
        if (first := seen.setdefault(key, row.line)) != row.line:
            read.problem(key[0], noop("the same project is already on line %(line)s"), line=first)
        parsed: dict[str, Any] = {
            "name": name,
            "status": read.choice("status", _PROJECTSTATUS_VALUES),
            "start_on": read.date("start_on"),
            "stake_on": read.date("stake_on"),
            "capacity_hours_per_week": read.decimal(
                "capacity_hours_per_week",
                minimum=limits.MIN_CAPACITY_HOURS_PER_WEEK,
                maximum=limits.MAX_CAPACITY_HOURS_PER_WEEK,
            ),
            "value": read.decimal("value", below=Decimal(10**10)),
            "currency": read.code("currency", length=3),
            "country": read.code("country", length=2),
            "confidence_target": read.decimal("confidence_target", above_minimum=True, below=_ONE),
            "risk_threshold": read.decimal("risk_threshold", above_minimum=True, below=_ONE),
            "checkin_weekday": read.integer("checkin_weekday", minimum=0, maximum=6),
            "checkin_hour": read.integer("checkin_hour", minimum=0, maximum=23),
        }
        if read.has("stake"):
            parsed["stake"] = read.text("stake", max_length=300)
        if read.has("subdivision"):
            parsed["subdivision"] = read.text("subdivision", max_length=10).upper()
        values = {column: value for column, value in parsed.items() if value is not None}
        if external_id:
            values["external_id"] = external_id
        promised_on = read.date("promised_on")
        delivered_on = _delivery_asked(read, values)
        if values.get("country"):  # else the organisation's, checked when it was set
            calendar = limits.holiday_calendar_problem(
                values["country"], values.get("subdivision", "")
            )
            if calendar:
                read.problem(*calendar)
        for column, problem in limits.project_problems(
            {"start_on": values.get("start_on"), "promised_on": promised_on}
        ):
            read.problem(column, problem)
        if first == row.line:  # a duplicate is reported, and its values still checked
            records.append(
                ProjectRecord(row, client, name, external_id, values, promised_on, delivered_on)
            )
    return records, problems


def _delivery_asked(read: RowReader, values: dict[str, Any]) -> date | None:
    """Take ``status=delivered`` out of ``values``; the day the row delivers on, if any."""
    delivered_on = read.date("delivered_on")
    if values.get("status") == ProjectStatus.DELIVERED:
        del values["status"]
        if delivered_on is None and not read.has("delivered_on"):
            read.problem("delivered_on", noop("is required when status is delivered"))
    elif delivered_on is not None and "status" in values:
        read.problem(
            "status",
            noop(
                "a delivered_on delivers the project: "
                "write status 'delivered' or leave it blank, not %(status)s"
            ),
            status=repr(values["status"]),
        )
    return delivered_on


@dataclass
class ProjectsPlan:
    """What the import will write, and the promises it will record through the ledger."""

    source: str
    now: datetime
    counts: Counts = field(default_factory=Counts)
    new_projects: list[Project] = field(default_factory=list)
    changed_projects: list[Project] = field(default_factory=list)
    project_fields: set[str] = field(default_factory=set)
    promises: list[tuple[Project, date]] = field(default_factory=list)
    deliveries: list[tuple[Project, date]] = field(default_factory=list)
    # Projects cancelled (or taken up again) by the import: the ledger ends their promise.
    status_changes: list[Project] = field(default_factory=list)

    def touched_projects(self) -> set[int]:
        """The projects whose forecast the import changes (after :meth:`write`: new projects
        have their ids then): changed fields, a new promise, a new status or a delivery."""
        touched = {project.pk for project in self.changed_projects}
        touched |= {project.pk for project, _ in [*self.promises, *self.deliveries]}
        return touched | {project.pk for project in self.status_changes}

    def write(self, progress: ProgressCallback | None) -> None:
        """Insert and update the projects, record each new promise, then each delivery."""
        bulk_write(
            Project,
            self.new_projects,
            self.changed_projects,
            self.project_fields,
            phase="projects",
            progress=progress,
        )
        for project, promised_on in self.promises:
            # The ledger is the one writer of promised dates; it keeps the history. A date
            # already past (a late or a finished project) was promised before the import: it is
            # recorded as made when the project started, the latest moment known to hold it.
            made_at, today = self.now, None
            if promised_on < self.now.date():
                today = min(project.start_on, promised_on)
                made_at = datetime.combine(today, time(), tzinfo=UTC)
            record_promise(
                project,
                promised_on,
                made_at=made_at,
                today=today,
                reason=f"Imported from {self.source}.",
                unannounced=True,  # the file's date, as it is: a later one is listed unannounced
            )
        for project in self.status_changes:
            today = project.client_today(self.now)
            record_status(project, project.status, today=today, now=self.now)
            # A cancelled project's draft delay cases have no promise left to move.
            close_drafts_of_ended_project(project, project.status, day=today, now=self.now)
        self.write_deliveries()

    def write_deliveries(self) -> None:
        """Deliver the projects through the ledger, which settles each promise kept or broken:
        the one delivery path of every import (CSV, GitHub, Jira), after the promises.

        No "delivered" note is queued: an import records the past, it does not tell. The
        project's draft delay cases are closed with the reason.
        """
        for project, delivered_on in self.deliveries:
            deliver_project(project, delivered_on, today=project.client_today(self.now))
            close_drafts_of_ended_project(
                project, ProjectStatus.DELIVERED, day=delivered_on, now=self.now
            )


def plan_projects(
    organisation: Organisation,
    records: list[ProjectRecord],
    problems: list[Problem],
    *,
    source: str,
    now: datetime,
) -> ProjectsPlan:
    """Match the records against the organisation's clients and projects (reads only)."""
    plan = ProjectsPlan(source=source, now=now)
    clients = list(Client.objects.for_organisation(organisation))
    clients_by_external_id = {c.external_id: c for c in clients if c.external_id}
    clients_by_name = {c.name: c for c in clients}
    projects = list(Project.objects.for_organisation(organisation))
    by_external_id = {p.external_id: p for p in projects if p.external_id}
    by_name = {p.name: p for p in projects}
    claimed: dict[str, int] = {}
    owner = organisation_owner(organisation.pk)  # a check-in alerts someone: never nobody
    for record in records:
        read = RowReader(record.row, problems)
        client = clients_by_external_id.get(record.client) or clients_by_name.get(record.client)
        if client is None:
            read.problem(
                "client",
                noop("no client named %(client)s or with that external id; import clients first"),
                client=repr(record.client),
            )
            continue
        project = by_external_id.get(record.external_id) if record.external_id else None
        if project is None:
            project = by_name.get(record.name)
            if project is not None and record.external_id and project.external_id:
                read.problem(
                    "name",
                    noop("%(name)s is the project %(external_id)s"),
                    name=repr(record.name),
                    external_id=repr(project.external_id),
                )
                continue
        holder = by_name.get(record.name)
        if claimed.setdefault(record.name, record.row.line) != record.row.line or (
            holder is not None and holder is not project
        ):
            read.problem(
                "name", noop("another project is already named %(name)s"), name=repr(record.name)
            )
            continue
        values = {**record.values, "client_id": client.pk}
        created = project is None
        status_before = None if project is None else project.status
        if project is None:
            if "start_on" not in values:
                read.problem("start_on", noop("is required for a new project"))
                continue
            values.setdefault("currency", organisation.currency)
            values.setdefault("country", organisation.country)
            project = Project(organisation=organisation, owner=owner, **values)
            changed_fields = list(values)
        else:
            before = {name: getattr(project, name) for name in values}
            changed_fields = assign(project, values)
        project.client = client  # cached for the client's today
        delivery = _delivery(read, project, record, now)
        if not _consistent(read, project) or delivery is False:
            if not created:
                assign(project, before)
            continue
        if created:
            plan.new_projects.append(project)
        elif changed_fields:
            plan.changed_projects.append(project)
            plan.project_fields.update(changed_fields)
        promise = record.promised_on is not None and record.promised_on != project.promised_on
        if promise:
            plan.promises.append((project, record.promised_on))  # type: ignore[arg-type]
            plan.counts.record("promises", created=True, changed=True)
        cancelled = ProjectStatus.CANCELLED
        if project.status != status_before and cancelled in (project.status, status_before):
            plan.status_changes.append(project)
        if delivery:
            plan.deliveries.append((project, delivery))
            plan.counts.record("deliveries", created=True, changed=True)
        changed = bool(changed_fields) or promise or bool(delivery)
        plan.counts.record("projects", created=created, changed=changed)
    return plan


def _delivery(
    read: RowReader, project: Project, record: ProjectRecord, now: datetime
) -> date | Literal[False] | None:
    """The day to deliver ``project`` on, None for no delivery, False (and a problem) if refused.

    The checks are those the ledger's ``deliver_project`` makes, here with the row's line.
    """
    day = record.delivered_on
    if project.delivered_on is not None:  # delivered already: a delivery is recorded once
        ok = True
        if record.values.get("status", ProjectStatus.DELIVERED) != ProjectStatus.DELIVERED:
            read.problem(
                "status",
                noop(
                    "%(project)s was delivered on %(day)s and its promise settled in the ledger; "
                    "a delivered project stays delivered"
                ),
                project=project.name,
                day=project.delivered_on,
            )
            ok = False
        if day is not None and day != project.delivered_on:
            read.problem(
                "delivered_on",
                noop("%(project)s was delivered on %(day)s; a delivery is recorded once"),
                project=project.name,
                day=project.delivered_on,
            )
            ok = False
        return None if ok else False
    if day is None:
        return None
    today = project.client_today(now)
    if day > today:
        read.problem(
            "delivered_on",
            noop("%(day)s has not come yet for the client (today is %(today)s)"),
            day=day,
            today=today,
        )
        return False
    if day < project.start_on:
        read.problem(
            "delivered_on",
            noop("is before %(other)s (%(day)s)"),
            other="start_on",
            day=project.start_on,
        )
        return False
    return day


def _consistent(read: RowReader, project: Project) -> bool:
    """Check the rules that span columns, on the values the project would end up with."""
    if project.delivered_on is not None and project.delivered_on < project.start_on:
        read.problem(
            "delivered_on",
            noop("is before %(other)s (%(day)s)"),
            other="start_on",
            day=project.start_on,
        )
        return False
    return True
