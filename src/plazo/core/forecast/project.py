"""Forecast one project, or a whole portfolio in bounded-memory chunks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray

from plazo.core.calendar import WorkCalendar
from plazo.core.forecast.history import History, Task
from plazo.core.forecast.plans import DEFAULT_MODEL, SamplingPlan, plan_model
from plazo.core.forecast.result import ProjectForecast
from plazo.core.forecast.simulate import simulate_totals
from plazo.core.forecast.summarize import Schedule, summarize

__all__ = ["PortfolioProject", "forecast_portfolio", "forecast_project"]

DEFAULT_TRIALS = 10_000
DEFAULT_CONFIDENCE = 0.85
_CHUNK_BYTES = 128 << 20  # simulated totals held at once, whatever the portfolio's size


@dataclass(frozen=True)
class PortfolioProject:
    """One project of a batch: the estimates of its remaining tasks and its schedule."""

    estimates_hours: Sequence[float]
    start: date | None = None
    capacity_hours_per_week: float | None = None
    deadline: date | None = None
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    confidence: float = DEFAULT_CONFIDENCE
    project: str | None = None  # its name in the history, whose finished tasks are its own


def _model_name(model: str) -> str:
    return DEFAULT_MODEL if model == "default" else model


def forecast_project(
    remaining: Sequence[Task],
    history: History,
    *,
    start: date | None = None,
    capacity_hours_per_week: float | None = None,
    deadline: date | None = None,
    calendar: WorkCalendar | None = None,
    confidence: float = DEFAULT_CONFIDENCE,
    trials: int = DEFAULT_TRIALS,
    rng: np.random.Generator,
    model: str = "default",
    project: str | None = None,
) -> ProjectForecast:
    """Forecast the remaining tasks of one project from the team's finished-work ``history``.

    ``project`` names this project in ``history``: its finished tasks then tell how it runs.
    """
    single = PortfolioProject(
        tuple(task.estimate_hours for task in remaining),
        start,
        capacity_hours_per_week,
        deadline,
        calendar or WorkCalendar(),
        confidence,
        project,
    )
    return forecast_portfolio([single], history, trials=trials, rng=rng, model=model)[0]


def _multipliers(
    plan: SamplingPlan, projects: Sequence[PortfolioProject], history: History
) -> list[tuple[float, float]]:
    """Each project's shared multiplier, from its own finished tasks when it names them."""
    named = {p.project for p in projects if p.project}
    if not named:
        return [plan.shared_multiplier()] * len(projects)
    rows = _rows_by_project(history, named)
    empty = np.empty(0, dtype=np.intp)
    return [
        plan.shared_multiplier(history.subset(rows.get(p.project, empty)) if p.project else None)
        for p in projects
    ]


def _rows_by_project(history: History, named: set[str]) -> dict[str, NDArray[np.intp]]:
    """Row indices of each named project's finished tasks.

    A few names are looked up directly (one pass each); many are grouped in one sort, so the cost
    stays near-linear in the history whether one project or ten thousand are forecast.
    """
    if len(named) <= 8:
        return {name: np.flatnonzero(history.project == name) for name in named}
    names, which, counts = np.unique(history.project, return_inverse=True, return_counts=True)
    groups = np.split(np.argsort(which, kind="stable"), np.cumsum(counts)[:-1])
    return {str(name): group for name, group in zip(names, groups, strict=True)}


def forecast_portfolio(
    projects: Sequence[PortfolioProject],
    history: History,
    *,
    trials: int = DEFAULT_TRIALS,
    rng: np.random.Generator,
    model: str = "default",
    plan: SamplingPlan | None = None,
) -> list[ProjectForecast]:
    """Forecast many projects of one team at once, in chunks so memory stays bounded.

    Projects of one chunk share random draws (see ``simulate_totals``): each forecast is exact on
    its own, but the forecasts are not independent of each other.
    """
    plan = plan or plan_model(_model_name(model), history)
    schedules = [
        Schedule(p.start, p.capacity_hours_per_week, p.deadline, p.calendar) for p in projects
    ]
    multipliers = _multipliers(plan, projects, history)
    chunk = max(1, _CHUNK_BYTES // (8 * trials))
    results: list[ProjectForecast] = []
    for first in range(0, len(projects), chunk):
        batch = projects[first : first + chunk]
        estimates: list[NDArray[np.float64]] = []
        for p in batch:
            values = np.asarray(p.estimates_hours, dtype=np.float64)
            if values.size and not (np.isfinite(values).all() and values.min() > 0):
                raise ValueError("estimates must be positive numbers")
            estimates.append(values)
        totals = simulate_totals(plan, estimates, trials, rng, multipliers[first : first + chunk])
        remaining_hours = np.array([float(e.sum()) for e in estimates])
        results += summarize(
            totals,
            remaining_hours,
            plan,
            schedules[first : first + chunk],
            [p.confidence for p in batch],
        )
    return results
