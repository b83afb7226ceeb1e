"""Throughput mode: items without estimates, forecast from weekly completed-item counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from plazo.core.calendar import WorkCalendar
from plazo.core.forecast.summarize import PERCENTILES, order_statistic_rank

__all__ = ["ThroughputForecast", "forecast_throughput"]

_MAX_WEEKS = 52 * 50


@dataclass(frozen=True)
class ThroughputForecast:
    """Weeks until the remaining items are done, and the dates those weeks end on."""

    remaining_items: int
    weeks_p50: int
    weeks_p85: int
    weeks_p95: int
    finish_p50_on: date
    finish_p85_on: date
    finish_p95_on: date
    recommended_on: date
    p_on_time: float | None
    trials: int
    history_weeks: int
    confidence: float = 0.85
    model: str = "throughput"


def _week_end(calendar: WorkCalendar, start: date, weeks: int) -> date:
    """The last working day of the ``weeks``-th week from ``start`` (or the next one after it)."""
    day = start + timedelta(days=7 * weeks - 1)
    for _ in range(7):
        if day >= start and calendar.is_working_day(day):
            return day
        day -= timedelta(days=1)
    return calendar.next_working_day(start + timedelta(days=7 * weeks - 1))


def forecast_throughput(
    remaining_items: int,
    weekly_completed: Sequence[int],
    *,
    start: date,
    rng: np.random.Generator,
    deadline: date | None = None,
    calendar: WorkCalendar | None = None,
    confidence: float = 0.85,
    trials: int = 10_000,
) -> ThroughputForecast:
    """Each simulated week completes a count drawn uniformly from past weeks, until none remain."""
    calendar = calendar or WorkCalendar()
    counts = np.asarray(weekly_completed, dtype=np.int64)
    if counts.size == 0 or counts.max() <= 0:
        raise ValueError("throughput needs at least one past week with a completed item")
    if counts.min() < 0:
        raise ValueError("weekly completed counts cannot be negative")
    if remaining_items < 0:
        raise ValueError(f"remaining items cannot be negative, got {remaining_items}")
    if deadline is not None and deadline < start:
        raise ValueError(f"the deadline {deadline} is before the start {start}")
    mean_per_week = float(counts.mean())
    horizon = max(1, int(np.ceil(2 * remaining_items / mean_per_week)) + 4)
    while True:
        done = np.cumsum(counts[rng.integers(0, counts.size, (trials, horizon))], axis=1)
        finished = done[:, -1] >= remaining_items
        if finished.all() or horizon >= _MAX_WEEKS:
            break
        horizon *= 2
    if not finished.all():
        raise ValueError(f"{remaining_items} items take more than {_MAX_WEEKS} weeks at this pace")
    # Zero remaining items are done at the end of the first week: a plan always names a date.
    weeks = np.maximum(1, np.argmax(done >= remaining_items, axis=1) + 1)
    ordered = np.sort(weeks)
    w50, w85, w95, w_conf = (
        int(ordered[order_statistic_rank(p, trials)]) for p in (*PERCENTILES, confidence)
    )
    p_on_time = None
    if deadline is not None:
        ends = [_week_end(calendar, start, w) for w in range(1, int(ordered[-1]) + 1)]
        in_time = sum(1 for end in ends if end <= deadline)
        p_on_time = float(np.mean(weeks <= in_time))
    return ThroughputForecast(
        remaining_items=remaining_items,
        weeks_p50=w50,
        weeks_p85=w85,
        weeks_p95=w95,
        finish_p50_on=_week_end(calendar, start, w50),
        finish_p85_on=_week_end(calendar, start, w85),
        finish_p95_on=_week_end(calendar, start, w95),
        recommended_on=_week_end(calendar, start, w_conf),
        p_on_time=p_on_time,
        trials=trials,
        history_weeks=int(counts.size),
        confidence=confidence,
    )
