"""Throughput mode: items counted, not estimated, forecast from the team's weekly completions.

Each past week gives a pace, items completed per working day of that week (a week with a public
holiday had fewer days to work). A simulated week of the future draws one past week's pace and
completes pace × working days; the last item is done on the working day the count reaches the
remaining items. Trials are rows of one array.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from plazo.core.calendar import WorkCalendar
from plazo.core.forecast.result import ProjectForecast
from plazo.core.forecast.summarize import (
    PERCENTILES,
    Label,
    Schedule,
    order_statistic_rank,
    summarize,
)

__all__ = [
    "DEFAULT_THROUGHPUT_WEEKS",
    "Throughput",
    "ThroughputForecast",
    "forecast_by_throughput",
    "forecast_throughput",
    "simulate_working_days",
    "weekly_throughput",
]

DEFAULT_THROUGHPUT_WEEKS = 12
_MAX_WEEKS = 52 * 50


@dataclass(frozen=True, eq=False)
class Throughput:
    """Items completed in each of the last weeks, and how many working days each week had."""

    items: NDArray[np.int64]
    working_days: NDArray[np.int64]

    def __post_init__(self) -> None:
        if self.items.size == 0 or self.items.max() <= 0:
            raise ValueError("throughput needs at least one past week with a completed item")
        if self.items.min() < 0:
            raise ValueError("weekly completed counts cannot be negative")

    @property
    def weeks(self) -> int:
        return int(self.items.size)

    @property
    def items_per_working_day(self) -> NDArray[np.float64]:
        """Each week's pace."""
        pace: NDArray[np.float64] = self.items / np.maximum(self.working_days, 1)
        return pace

    @property
    def items_per_week(self) -> float:
        """The mean number of items completed a week."""
        return float(self.items.mean())


def weekly_throughput(
    completed_on: NDArray[np.datetime64] | Sequence[date],
    *,
    until: date,
    calendar: WorkCalendar | None = None,
    since: date | None = None,
    weeks: int = DEFAULT_THROUGHPUT_WEEKS,
) -> Throughput:
    """Completions in the last ``weeks`` seven-day windows ending on ``until``.

    Windows that end before ``since`` (the project's start) are left out, so a young project is
    not counted as idle before it began; weeks without a working day are left out too.
    """
    calendar = calendar or WorkCalendar()
    done = np.asarray(completed_on, dtype="datetime64[D]")
    end = np.datetime64(until, "D")
    items, days = [], []
    for week in range(weeks):
        last = until - timedelta(days=7 * week)
        first = last - timedelta(days=6)
        if since is not None and last < since:
            break
        working = calendar.working_days_between(max(first, since or first), last)
        if working == 0:
            continue
        lo, hi = end - 7 * (week + 1), end - 7 * week
        items.append(int(np.count_nonzero((done > lo) & (done <= hi))))
        days.append(working)
    return Throughput(np.array(items, dtype=np.int64), np.array(days, dtype=np.int64))


def simulate_working_days(
    remaining_items: int,
    throughput: Throughput,
    *,
    trials: int,
    rng: np.random.Generator,
    days_per_week: int = 5,
) -> NDArray[np.float64]:
    """Working days until the last remaining item is done, one per trial (0 when none remain).

    1. Each simulated week of ``days_per_week`` working days draws a past week's pace.
    2. The week in which the cumulative count reaches the remaining items is the last one; the
       day within it is the first whose share of that week's items reaches the count.
    """
    if remaining_items < 0:
        raise ValueError(f"remaining items cannot be negative, got {remaining_items}")
    if trials < 1:
        raise ValueError(f"trials must be at least 1, got {trials}")
    if remaining_items == 0:
        return np.zeros(trials)
    pace = throughput.items_per_working_day
    per_week = pace * days_per_week
    horizon = max(1, int(np.ceil(2 * remaining_items / float(per_week.mean()))) + 4)
    while True:
        drawn = rng.integers(0, pace.size, (trials, horizon))
        done = np.cumsum(per_week[drawn], axis=1)
        if done[:, -1].min() >= remaining_items - 1e-9 or horizon >= _MAX_WEEKS:
            break
        horizon *= 2
    if done[:, -1].min() < remaining_items - 1e-9:
        raise ValueError(f"{remaining_items} items take more than {_MAX_WEEKS} weeks at this pace")
    week = np.argmax(done >= remaining_items - 1e-9, axis=1)
    rows = np.arange(trials)
    before = np.where(week > 0, done[rows, np.maximum(week - 1, 0)], 0.0)
    rate = pace[drawn[rows, week]]
    into = np.ceil((remaining_items - before) / rate - 1e-9)
    result: NDArray[np.float64] = week * days_per_week + np.clip(into, 1, days_per_week)
    return result


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
    """Whole weeks until none remain, from past weekly counts (each week a full working week)."""
    calendar = calendar or WorkCalendar()
    counts = np.asarray(weekly_completed, dtype=np.int64)
    days_per_week = calendar.working_weekdays_per_week
    throughput = Throughput(counts, np.full(counts.size, days_per_week, dtype=np.int64))
    if deadline is not None and deadline < start:
        raise ValueError(f"the deadline {deadline} is before the start {start}")
    days = simulate_working_days(
        remaining_items, throughput, trials=trials, rng=rng, days_per_week=days_per_week
    )
    # Zero remaining items are done at the end of the first week: a plan always names a date.
    weeks = np.maximum(1, np.ceil(days / days_per_week)).astype(np.int64)
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


def forecast_by_throughput(
    remaining_items: int,
    throughput: Throughput,
    *,
    start: date,
    rng: np.random.Generator,
    capacity_hours_per_week: float | None = None,
    deadline: date | None = None,
    calendar: WorkCalendar | None = None,
    confidence: float = 0.85,
    trials: int = 10_000,
    reason: str = "",
    remaining_hours: float = 0.0,
    unestimated_items: int = 0,
) -> ProjectForecast:
    """A :class:`ProjectForecast` from item counts: effort is the capacity used until done.

    Without a capacity, effort is counted in working days (one hour a working day).
    """
    calendar = calendar or WorkCalendar()
    days = simulate_working_days(
        remaining_items,
        throughput,
        trials=trials,
        rng=rng,
        days_per_week=calendar.working_weekdays_per_week,
    )
    unit = "hours" if capacity_hours_per_week is not None else "working days"
    capacity = capacity_hours_per_week or float(calendar.working_weekdays_per_week)
    totals = (days * calendar.hours_per_working_day(capacity))[None, :]
    label = Label("throughput", int(throughput.items.sum()), reason)
    [made] = summarize(
        totals,
        np.array([remaining_hours]),
        label,
        [Schedule(start, capacity, deadline, calendar)],
        [confidence],
    )
    return replace(
        made,
        remaining_items=remaining_items,
        unestimated_items=unestimated_items,
        effort_unit=unit,
        throughput_weeks=throughput.weeks,
        items_per_week=throughput.items_per_week,
    )
