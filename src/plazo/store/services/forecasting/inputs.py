"""What one project's forecast is computed from, and the computation itself.

The forecaster and ``finish_chances`` both go through :func:`project_inputs` and
:func:`simulate`, so the work that counts, the model chosen and the random stream are one fact.
Both compute from the project's snapshot (:mod:`plazo.store.services.work.snapshots`), the one
read of its work items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from plazo.core.calendar import WorkCalendar
from plazo.core.forecast import (
    DEFAULT_THROUGHPUT_WEEKS,
    History,
    PortfolioProject,
    ProjectForecast,
    SamplingPlan,
    Task,
    Throughput,
    choose_model,
    forecast_by_throughput,
    forecast_portfolio,
    weekly_throughput,
)
from plazo.core.forecast.choice import THROUGHPUT
from plazo.core.forecast.growth import Growth
from plazo.store.models import WorkItemStatus
from plazo.store.services.work.snapshots import ProjectSnapshot

__all__ = ["ProjectInputs", "completed_days", "project_inputs", "remaining_work", "simulate"]

TRIALS = 10_000

_Remaining = tuple[int, Decimal | None, str]


def remaining_work(snapshot: ProjectSnapshot) -> list[_Remaining]:
    """The work not done yet, estimated or not, in plan order (pk, estimate or None, estimator)."""
    return [
        (item.pk, item.estimate_hours, item.estimator)
        for item in snapshot.items  # already in plan order
        if item.removed_on is None and item.status != WorkItemStatus.DONE
    ]


def completed_days(snapshot: ProjectSnapshot) -> list[date]:
    """When each of the project's finished items in scope was completed (estimated or not)."""
    return [
        item.completed_on
        for item in snapshot.items
        if item.status == WorkItemStatus.DONE
        and item.removed_on is None
        and item.completed_on is not None
    ]


@dataclass(frozen=True)
class ProjectInputs:
    """Everything one project's forecast depends on besides the team's history."""

    remaining: list[Task]
    start: date
    deadline: date | None  # None when the promised date is already behind us
    calendar: WorkCalendar
    capacity_hours_per_week: float
    confidence: float
    mode: str  # "estimates" or "throughput"
    why: str
    pace: Throughput | None  # the project's weekly completions, in throughput mode


def project_inputs(snapshot: ProjectSnapshot, *, today: date) -> ProjectInputs:
    """The remaining work and the model chosen (the project's setting, or by itself)."""
    project = snapshot.project
    remaining = [
        Task(None if estimate is None else float(estimate), estimator, str(pk))
        for pk, estimate, estimator in remaining_work(snapshot)
    ]
    unestimated = sum(1 for task in remaining if task.estimate_hours is None)
    start = max(today, project.start_on)
    deadline = project.promised_on if project.promised_on and project.promised_on >= start else None
    calendar = project.work_calendar()
    pace = None
    if project.forecast_mode == THROUGHPUT or (
        project.forecast_mode != "estimates" and unestimated * 2 > len(remaining)
    ):
        try:
            pace = weekly_throughput(
                completed_days(snapshot),
                until=today - timedelta(days=1),
                calendar=calendar,
                since=project.start_on,
                weeks=DEFAULT_THROUGHPUT_WEEKS,
            )
        except ValueError:
            pace = None  # nothing completed in the window: throughput cannot run
    choice = choose_model(
        project.forecast_mode,
        estimated_items=len(remaining) - unestimated,
        unestimated_items=unestimated,
        throughput_known=pace is not None,
    )
    return ProjectInputs(
        remaining=remaining,
        start=start,
        deadline=deadline,
        calendar=calendar,
        capacity_hours_per_week=float(project.capacity_hours_per_week),
        confidence=float(project.confidence_target),
        mode=choice.mode,
        why=choice.why,
        pace=pace if choice.mode == THROUGHPUT else None,
    )


def simulate(
    inputs: ProjectInputs,
    name: str,
    history: History,
    plan: SamplingPlan,
    growth: Growth | None,
    rng_seed: int,
    deadlines: Sequence[date | None] | None = None,
) -> list[ProjectForecast]:
    """The project's forecast, one per deadline (default: its own), all from the same trials.

    An unestimated item is sized from the team's finished items; with no finished item at all
    it cannot be, so it is left out and the reason says so.
    """
    deadlines = [inputs.deadline] if deadlines is None else list(deadlines)
    if inputs.pace is not None:
        return [
            forecast_by_throughput(
                len(inputs.remaining),
                inputs.pace,
                start=inputs.start,
                rng=np.random.default_rng(rng_seed),
                capacity_hours_per_week=inputs.capacity_hours_per_week,
                deadline=deadline,
                calendar=inputs.calendar,
                confidence=inputs.confidence,
                trials=TRIALS,
                remaining_hours=sum(t.estimate_hours or 0.0 for t in inputs.remaining),
                unestimated_items=sum(1 for t in inputs.remaining if t.estimate_hours is None),
            )
            for deadline in deadlines
        ]
    estimates = tuple(t.estimate_hours for t in inputs.remaining if t.estimate_hours is not None)
    kinds = tuple(t.kind for t in inputs.remaining if t.estimate_hours is None)
    reason = ""
    if kinds and len(history) == 0:
        reason = f"{len(kinds)} unestimated item(s) left out: no finished item to size them by"
        kinds = ()
    rows = [
        PortfolioProject(
            estimates,
            inputs.start,
            inputs.capacity_hours_per_week,
            deadline,
            inputs.calendar,
            inputs.confidence,
            name,
            kinds,
        )
        for deadline in deadlines
    ]
    results = forecast_portfolio(
        rows,
        history,
        trials=TRIALS,
        rng=np.random.default_rng(rng_seed),
        plan=plan,
        growth=growth,
    )
    if not reason:
        return results
    return [replace(r, reason=f"{r.reason}; {reason}" if r.reason else reason) for r in results]
