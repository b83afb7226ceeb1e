"""Histories and tasks built from keyword defaults, for forecast tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from plazo.core.forecast import History, HistoryRow, Task, history_from_rows

__all__ = ["make_history", "tasks"]


def make_history(
    ratios: Sequence[float],
    *,
    estimates_hours: Sequence[float] | None = None,
    project: str = "P",
    first_day: date = date(2026, 1, 1),
) -> History:
    """One finished task per ratio (actual = estimate × ratio), a day apart."""
    estimates = estimates_hours or [8.0] * len(ratios)
    return history_from_rows(
        HistoryRow(project, f"t{i}", e, e * r, first_day + timedelta(days=i))
        for i, (e, r) in enumerate(zip(estimates, ratios, strict=True))
    )


def tasks(*estimates_hours: float) -> list[Task]:
    """Remaining tasks with these estimates."""
    return [Task(e) for e in estimates_hours]
