"""A tracker's CSV export, re-headed for plazo's work-item import (``--kind items``).

The person maps each of plazo's columns to one of the file's (or none); a project chosen for
every row stands in for a missing ``project`` column; an estimate in days, minutes or seconds
(Jira's time-tracking columns) becomes hours; a row with a done date and no status is done.
Dates in the export formats of :mod:`plazo.core.tracker.dates` become ``YYYY-MM-DD`` (the
preview shows the day plazo reads); others pass through for the import to name. The result is
the CSV that ``plazo import FILE --kind items`` reads, so the import itself (validation, all or
nothing, re-forecasts) is the service's, unchanged. The Settings › Import tasks page and
``plazo import EXPORT.csv --tracker-export`` both go through here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from plazo.core.tracker.dates import export_day

__all__ = [
    "FIELDS",
    "MAX_BYTES",
    "UNITS",
    "Mapping",
    "column_values",
    "guess",
    "guess_unit",
    "header_of",
    "remap",
    "suggest",
]

MAX_BYTES = 500_000  # it travels back in each step's form, under Django's 2.5 MB body limit
# plazo's item columns a person maps, in the order the page asks for them.
FIELDS = (
    "title",
    "project",
    "estimate_hours",
    "completed_on",
    "status",
    "external_id",
    "actual_hours",
    "added_on",
    "started_on",
)
# Column names trackers use (lower case), by plazo's field.
_NAMES = {
    "title": ("title", "name", "task", "task name", "summary", "issue", "subject", "nombre"),
    "project": ("project", "projects", "project name", "proyecto"),
    "estimate_hours": (
        "estimate_hours", "estimate", "estimated time", "estimated hours", "original estimate",
        "time estimate", "hours", "estimación", "horas",
    ),
    "completed_on": (
        "completed_on", "completed at", "completed", "done", "done date", "resolved",
        "resolution date", "closed", "closed at", "finished",
    ),
    "status": ("status category", "status", "state", "estado"),
    "external_id": ("external_id", "task id", "id", "key", "issue key", "issue id"),
    "actual_hours": ("actual_hours", "actual time", "time spent", "logged hours", "actual"),
    "added_on": ("added_on", "created at", "created", "created on", "creation date"),
    "started_on": ("started_on", "started at", "start date", "started"),
}  # fmt: skip
# Hours per unit. Jira exports its time-tracking columns in seconds.
_UNITS = {
    "hours": Decimal(1),
    "days": Decimal(8),
    "minutes": Decimal(1) / 60,
    "seconds": Decimal(1) / 3600,
}
UNITS = tuple(_UNITS)
_DATE_FIELDS = frozenset({"completed_on", "added_on", "started_on"})
# Jira's time-tracking columns (lower case; "Σ …" are the same summed over sub-tasks).
_SECONDS_COLUMNS = frozenset(
    {"original estimate", "time spent", "remaining estimate"}
    | {f"σ {name}" for name in ("original estimate", "time spent", "remaining estimate")}
)
_STATUSES = {
    "to do": "todo", "todo": "todo", "open": "todo", "backlog": "todo", "new": "todo",
    "pendiente": "todo", "in progress": "doing", "doing": "doing", "en curso": "doing",
    "done": "done", "closed": "done", "complete": "done", "completed": "done",
    "resolved": "done", "hecho": "done", "hecha": "done",
    "selected for development": "todo", "in review": "doing", "review": "doing",
}  # fmt: skip


@dataclass(frozen=True)
class Mapping:
    """plazo field → the file's column name ("" for none), and the choices around them."""

    columns: dict[str, str]
    project: str = ""  # the project every row goes to, when no column names one
    estimate_unit: str = "hours"


def header_of(text: str) -> list[str]:
    """The file's column names, as written (the first non-blank record)."""
    for record in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")):
        if any(value.strip() for value in record):
            return [name.strip() for name in record]
    return []


def guess(header: list[str]) -> dict[str, str]:
    """A first mapping by name: each plazo field to the first column that looks like it."""
    lower = {name.lower(): name for name in reversed(header)}
    found: dict[str, str] = {}
    for field in FIELDS:
        for name in _NAMES[field]:
            if name in lower and lower[name] not in found.values():
                found[field] = lower[name]
                break
    return found


def guess_unit(columns: dict[str, str]) -> str:
    """The unit the estimate columns are likely in: seconds for Jira's time tracking."""
    for field in ("estimate_hours", "actual_hours"):
        if columns.get(field, "").strip().lower() in _SECONDS_COLUMNS:
            return "seconds"
    return "hours"


def suggest(text: str, projects: Iterable[str], project: str = "") -> Mapping:
    """The first mapping offered for ``text``: columns guessed by name, the unit guessed.

    A tracker's own project column (Jira's "Project name") rarely names a plazo project, so it is
    only guessed when every value it holds is one of ``projects`` (names or external ids); else
    ``project`` (one project for every row) stands in.
    """
    columns = guess(header_of(text))
    if "project" in columns and not column_values(text, columns["project"]) <= set(projects):
        del columns["project"]
    return Mapping(columns=columns, project=project, estimate_unit=guess_unit(columns))


def column_values(text: str, column: str) -> set[str]:
    """The distinct non-blank values of ``column`` (by name), trimmed."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    index: int | None = None
    values: set[str] = set()
    for record in reader:
        if not any(value.strip() for value in record):
            continue
        if index is None:
            names = [name.strip() for name in record]
            if column not in names:
                return values
            index = names.index(column)
            continue
        if index < len(record) and record[index].strip():
            values.add(record[index].strip())
    return values


def _hours(value: str, unit: str) -> str:
    if not value.strip() or unit == "hours":
        return value
    try:
        number = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        return value  # the import names it, on its line
    return str((number * _UNITS[unit]).quantize(Decimal("0.01")))


def _iso_day(value: str) -> str:
    """``YYYY-MM-DD`` for a day in an export format, so the preview shows the day plazo reads;
    anything else as it is, for the import to name on its line."""
    try:
        return export_day(value).isoformat() if value.strip() else value
    except ValueError:
        return value


def remap(text: str, mapping: Mapping) -> str:
    """The file with plazo's column names, one record per record of the original (blank lines
    kept, so the import's line numbers are the file's)."""
    out = _LineCountingWriter()
    header: list[str] = []
    fields = [f for f in FIELDS if mapping.columns.get(f)]
    give_project = "project" not in fields and bool(mapping.project)
    give_status = "status" not in fields and "completed_on" in fields
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    lines_read = 0
    for record in reader:
        # A value with line breaks (a Jira description) spans lines: blank lines (which the
        # import skips) put each record on the line it starts on in the original, which the
        # problems name.
        while out.lines < lines_read:
            out.writerow([])
        lines_read = reader.line_num
        if not any(value.strip() for value in record):
            out.writerow([])
            continue
        if not header:
            header = [name.strip() for name in record]
            position: dict[str, int] = {}
            for index, name in enumerate(header):  # Jira repeats names (Labels, Sprint…)
                position.setdefault(name, index)
            names = [*fields, *(["project"] if give_project else [])]
            out.writerow([*names, *(["status"] if give_status else [])])
            continue
        values = {
            f: record[position[mapping.columns[f]]]
            if position[mapping.columns[f]] < len(record)
            else ""
            for f in fields
        }
        if "estimate_hours" in values:
            values["estimate_hours"] = _hours(values["estimate_hours"], mapping.estimate_unit)
        if "actual_hours" in values:
            values["actual_hours"] = _hours(values["actual_hours"], mapping.estimate_unit)
        for field in _DATE_FIELDS & values.keys():
            values[field] = _iso_day(values[field])
        if "status" in values:
            values["status"] = _STATUSES.get(values["status"].strip().lower(), values["status"])
        row = [values[f] for f in fields]
        if give_project:
            row.append(mapping.project)
        if give_status:
            row.append("done" if values["completed_on"].strip() else "")
        out.writerow(row)
    return out.text()


class _LineCountingWriter:
    """A CSV writer that knows how many lines it has written."""

    def __init__(self) -> None:
        self._out = io.StringIO()
        self._row = io.StringIO()
        self._writer = csv.writer(self._row, lineterminator="\n")
        self.lines = 0

    def writerow(self, row: list[str]) -> None:
        self._row.seek(0)
        self._row.truncate()
        self._writer.writerow(row)
        written = self._row.getvalue()
        self._out.write(written)
        self.lines += written.count("\n")

    def text(self) -> str:
        return self._out.getvalue()
