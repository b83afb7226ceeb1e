"""Simulated totals turned into percentiles, dates, the chance of a deadline, a date to promise."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray

from plazo.core.calendar import WorkCalendar
from plazo.core.forecast.plans import SamplingPlan
from plazo.core.forecast.result import ProjectForecast
from plazo.core.forecast.simulate import STREAMS

__all__ = ["PERCENTILES", "Label", "Schedule", "order_statistic_rank", "summarize"]

PERCENTILES = (0.50, 0.85, 0.95)


@dataclass(frozen=True)
class Label:
    """What a forecast names as its model when no sampling plan made it (throughput)."""

    name: str
    history_size: int
    reason: str = ""


@dataclass(frozen=True)
class Schedule:
    """When work starts, at what pace, on which calendar, and the date promised (if any)."""

    start: date | None = None
    capacity_hours_per_week: float | None = None
    deadline: date | None = None
    calendar: WorkCalendar = field(default_factory=WorkCalendar)

    def __post_init__(self) -> None:
        if self.capacity_hours_per_week is not None and not self.capacity_hours_per_week > 0:
            raise ValueError(
                f"capacity must be positive, got {self.capacity_hours_per_week} h/week"
            )
        if self.deadline is not None and self.start is not None and self.deadline < self.start:
            raise ValueError(f"the deadline {self.deadline} is before the start {self.start}")

    @property
    def dated(self) -> bool:
        """True when effort can be turned into dates."""
        return self.start is not None and self.capacity_hours_per_week is not None


def order_statistic_rank(p: float, trials: int) -> int:
    """0-based rank of the p-quantile: the smallest x with a share ≥ p of trials at or below it."""
    return max(0, math.ceil(p * trials - 1e-9) - 1)


def _partition_rows(totals: NDArray[np.float64] | NDArray[np.float32], ranks: list[int]) -> None:
    """Partition each row at ``ranks``, blocks of rows on the simulation's threads.

    The values at the ranks are order statistics, the same however the rows are split, so the
    numbers do not depend on the threads; NumPy releases the GIL while it partitions.
    """
    rows = totals.shape[0]
    if rows < 2 * STREAMS:
        totals.partition(ranks, axis=1)
        return
    bounds = np.linspace(0, rows, STREAMS + 1).astype(int)
    blocks = [totals[bounds[k] : bounds[k + 1]] for k in range(STREAMS)]
    with ThreadPoolExecutor(STREAMS) as executor:
        list(executor.map(lambda block: block.partition(ranks, axis=1), blocks))


def _finish_dates(
    schedules: list[Schedule], efforts_hours: NDArray[np.float64]
) -> dict[int, list[date | None]]:
    """Dates of each dated row's efforts; rows on one schedule share one calendar lookup."""
    groups: dict[tuple[date, float, WorkCalendar], list[int]] = {}
    for row, schedule in enumerate(schedules):
        if schedule.start is not None and schedule.capacity_hours_per_week is not None:
            key = (schedule.start, schedule.capacity_hours_per_week, schedule.calendar)
            groups.setdefault(key, []).append(row)
    found: dict[int, list[date | None]] = {}
    for (start, capacity, calendar), rows in groups.items():
        days = calendar.finish_dates(start, efforts_hours[rows].ravel(), capacity)
        per_row = days.reshape(len(rows), -1).astype(object)
        for row, row_days in zip(rows, per_row, strict=True):
            found[row] = list(row_days)
    return found


def summarize(
    totals: NDArray[np.float64] | NDArray[np.float32],
    remaining_hours: NDArray[np.float64],
    plan: SamplingPlan | Label,
    schedules: list[Schedule],
    confidences: list[float],
    reason: str = "",
) -> list[ProjectForecast]:
    """One forecast per row of ``totals`` (projects × trials); ``totals`` is reordered in place.

    Effort-to-date is monotone, so a date percentile is the date of the effort percentile, and the
    recommended date (first day with P(done) ≥ confidence) is the date of the confidence quantile.
    """
    for confidence in confidences:
        if not 0 < confidence < 1:
            raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    trials = totals.shape[1]
    capacity_at_deadline = np.full(totals.shape[0], np.nan)
    for row, schedule in enumerate(schedules):
        if schedule.dated and schedule.deadline is not None:
            assert schedule.start is not None
            assert schedule.capacity_hours_per_week is not None
            capacity_at_deadline[row] = schedule.calendar.capacity_hours_until(
                schedule.start, schedule.deadline, schedule.capacity_hours_per_week
            )
    # Same tolerance as the calendar's: an effort equal to the capacity is done that day. Only
    # rows with a deadline are compared: a pass over every trial of every row costs as much as
    # the partition below.
    on_time = np.full(totals.shape[0], np.nan)
    for dated in np.flatnonzero(~np.isnan(capacity_at_deadline)).tolist():
        on_time[dated] = np.mean(totals[dated] * (1 - 1e-12) <= capacity_at_deadline[dated])
    ranks = [order_statistic_rank(p, trials) for p in PERCENTILES]
    confidence_ranks = [order_statistic_rank(c, trials) for c in confidences]
    _partition_rows(totals, sorted({*ranks, *confidence_ranks}))
    quantiles = totals[:, ranks]
    at_confidence = totals[np.arange(totals.shape[0]), confidence_ranks]
    finishes = _finish_dates(schedules, np.column_stack([quantiles, at_confidence]))
    results = []
    for row, schedule in enumerate(schedules):
        p50, p85, p95 = (float(q) for q in quantiles[row])
        confidence = confidences[row]
        dates: list[date | None] = finishes.get(row, [None, None, None, None])
        results.append(
            ProjectForecast(
                model=plan.name,
                trials=trials,
                history_size=plan.history_size,
                remaining_hours=float(remaining_hours[row]),
                effort_p50_hours=p50,
                effort_p85_hours=p85,
                effort_p95_hours=p95,
                finish_p50_on=dates[0],
                finish_p85_on=dates[1],
                finish_p95_on=dates[2],
                p_on_time=float(on_time[row]) if schedule.deadline and schedule.dated else None,
                recommended_on=dates[3],
                confidence=confidence,
                reason=reason or plan.reason,
            )
        )
    return results
