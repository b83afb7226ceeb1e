"""Finished work (estimate versus actual) and remaining tasks, read from CSV or built from rows."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from plazo.core.errors import PlazoError

__all__ = [
    "History",
    "HistoryError",
    "HistoryRow",
    "Task",
    "history_from_rows",
    "read_history_csv",
    "read_tasks_csv",
]

HISTORY_COLUMNS = ("project", "task", "estimate", "actual", "completed_on")
OPTIONAL_HISTORY_COLUMNS = ("estimator", "started_on", "created_on", "kind")
TASK_COLUMNS = ("task", "estimate")
OPTIONAL_TASK_COLUMNS = ("estimator", "kind")
NO_DATE = np.datetime64("NaT", "D")


class HistoryError(PlazoError):
    """Bad input data, with the file, line and column it was found at."""


@dataclass(frozen=True)
class Task:
    """One remaining task: its estimate (hours, or the history's unit; None: not estimated)."""

    estimate_hours: float | None
    estimator: str = ""
    name: str = ""
    kind: str = ""  # what sort of item (bug, feature…): unestimated items are sized by kind


@dataclass(frozen=True)
class HistoryRow:
    """One finished task: what was estimated and what it really took."""

    project: str
    task: str
    estimate_hours: float
    actual_hours: float
    completed_on: date
    estimator: str = ""
    started_on: date | None = None
    created_on: date | None = None  # when the item entered the scope (scope growth)
    kind: str = ""


@dataclass(frozen=True, eq=False)
class History:
    """Finished tasks as columns (NumPy arrays), ready for simulation."""

    project: NDArray[np.str_]
    task: NDArray[np.str_]
    estimate_hours: NDArray[np.float64]
    actual_hours: NDArray[np.float64]
    completed_on: NDArray[np.datetime64]
    estimator: NDArray[np.str_]
    created_on: NDArray[np.datetime64] | None = None  # NaT where unknown; None: no column
    kind: NDArray[np.str_] | None = None

    def __len__(self) -> int:
        return int(self.estimate_hours.size)

    @property
    def ratios(self) -> NDArray[np.float64]:
        """Actual over estimate, one per task."""
        result: NDArray[np.float64] = self.actual_hours / self.estimate_hours
        return result

    def subset(self, index: NDArray[np.intp] | NDArray[np.bool_]) -> History:
        """The tasks selected by ``index`` (positions or a mask)."""
        return History(
            project=self.project[index],
            task=self.task[index],
            estimate_hours=self.estimate_hours[index],
            actual_hours=self.actual_hours[index],
            completed_on=self.completed_on[index],
            estimator=self.estimator[index],
            created_on=None if self.created_on is None else self.created_on[index],
            kind=None if self.kind is None else self.kind[index],
        )


def history_from_rows(rows: Iterable[HistoryRow]) -> History:
    """Build a :class:`History` from rows (e.g. the database's finished work items)."""
    rows = list(rows)
    for row in rows:
        if not (row.estimate_hours > 0 and math.isfinite(row.estimate_hours)):
            raise ValueError(f"task {row.task!r}: estimate must be > 0, got {row.estimate_hours}")
        if not (row.actual_hours >= 0 and math.isfinite(row.actual_hours)):
            raise ValueError(f"task {row.task!r}: actual must be >= 0, got {row.actual_hours}")
    created = [r.created_on for r in rows]
    kinds = [r.kind for r in rows]
    return History(
        project=np.array([r.project for r in rows], dtype=np.str_),
        task=np.array([r.task for r in rows], dtype=np.str_),
        estimate_hours=np.array([r.estimate_hours for r in rows], dtype=np.float64),
        actual_hours=np.array([r.actual_hours for r in rows], dtype=np.float64),
        completed_on=np.array([r.completed_on for r in rows], dtype="datetime64[D]"),
        estimator=np.array([r.estimator for r in rows], dtype=np.str_),
        created_on=(
            np.array([NO_DATE if d is None else d for d in created], dtype="datetime64[D]")
            if any(d is not None for d in created)
            else None
        ),
        kind=np.array(kinds, dtype=np.str_) if any(kinds) else None,
    )


def _number(text: str, where: str, column: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise HistoryError(f"{where}, column {column!r}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise HistoryError(f"{where}, column {column!r}: {text!r} is not a finite number")
    return value


def _day(text: str, where: str, column: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise HistoryError(
            f"{where}, column {column!r}: {text!r} is not a date (use YYYY-MM-DD)"
        ) from None


def _rows(path: Path, required: Sequence[str], optional: Sequence[str]) -> list[dict[str, str]]:
    """Rows of a CSV as dicts, the header checked; each dict carries its line number as '#'."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip() for name in next(reader, [])]
            missing = [name for name in required if name not in header]
            if missing:
                raise HistoryError(
                    f"{path}, line 1: missing column(s) {', '.join(missing)} "
                    f"(expected {', '.join(required)}[, {', '.join(optional)}]; found "
                    f"{', '.join(header) or 'nothing'})"
                )
            unknown = [name for name in header if name not in (*required, *optional)]
            if unknown:
                raise HistoryError(f"{path}, line 1: unknown column(s) {', '.join(unknown)}")
            rows = []
            for values in reader:
                if not any(value.strip() for value in values):
                    continue
                where = f"{path}, line {reader.line_num}"
                if len(values) != len(header):
                    raise HistoryError(
                        f"{where}: {len(values)} fields where the header has {len(header)}"
                    )
                row = {name: value.strip() for name, value in zip(header, values, strict=True)}
                row["#"] = where
                rows.append(row)
    except OSError as error:
        raise HistoryError(f"{path}: cannot read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise HistoryError(f"{path}: not UTF-8 text") from None
    return rows


def read_history_csv(path: Path | str) -> History:
    """Read a History CSV (DESIGN §5); raise :class:`HistoryError` naming file, line and column."""
    rows = []
    for raw in _rows(Path(path), HISTORY_COLUMNS, OPTIONAL_HISTORY_COLUMNS):
        where = raw["#"]
        estimate = _number(raw["estimate"], where, "estimate")
        if estimate <= 0:
            raise HistoryError(f"{where}, column 'estimate': must be > 0, got {raw['estimate']}")
        actual = _number(raw["actual"], where, "actual")
        if actual < 0:
            raise HistoryError(f"{where}, column 'actual': must be >= 0, got {raw['actual']}")
        started = raw.get("started_on", "")
        created = raw.get("created_on", "")
        completed = _day(raw["completed_on"], where, "completed_on")
        created_on = _day(created, where, "created_on") if created else None
        if created_on is not None and created_on > completed:
            raise HistoryError(
                f"{where}, column 'created_on': {created} is after completed_on {completed}"
            )
        rows.append(
            HistoryRow(
                project=raw["project"],
                task=raw["task"],
                estimate_hours=estimate,
                actual_hours=actual,
                completed_on=completed,
                estimator=raw.get("estimator", ""),
                started_on=_day(started, where, "started_on") if started else None,
                created_on=created_on,
                kind=raw.get("kind", ""),
            )
        )
    return history_from_rows(rows)


def read_tasks_csv(path: Path | str) -> list[Task]:
    """Read remaining tasks (``task,estimate[,estimator][,kind]``); a blank estimate is an
    unestimated item, still counted. Errors name file, line and column."""
    tasks = []
    for raw in _rows(Path(path), TASK_COLUMNS, OPTIONAL_TASK_COLUMNS):
        where = raw["#"]
        estimate: float | None = None
        if raw["estimate"]:
            estimate = _number(raw["estimate"], where, "estimate")
            if estimate <= 0:
                raise HistoryError(
                    f"{where}, column 'estimate': must be > 0 or blank, got {raw['estimate']}"
                )
        tasks.append(Task(estimate, raw.get("estimator", ""), raw["task"], raw.get("kind", "")))
    return tasks
