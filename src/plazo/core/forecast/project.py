"""Forecast one project, or a whole portfolio in bounded-memory chunks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
from numpy.typing import NDArray

from plazo.core.calendar import WorkCalendar
from plazo.core.forecast.growth import Growth
from plazo.core.forecast.history import History, Task
from plazo.core.forecast.plans import DEFAULT_MODEL, SamplingPlan, plan_model
from plazo.core.forecast.result import GrowthForecast, ProjectForecast
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
    unestimated_kinds: Sequence[str] = ()  # one entry per unestimated item ("" = kind unknown)


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
    growth: Growth | None = None,
) -> ProjectForecast:
    """Forecast the remaining tasks of one project from the team's finished-work ``history``.

    ``project`` names this project in ``history``: its finished tasks then tell how it runs.
    Tasks without an estimate draw an actual effort from finished items (of their kind).
    With ``growth``, the forecast also carries the outlook with the work the team adds.
    """
    single = PortfolioProject(
        tuple(task.estimate_hours for task in remaining if task.estimate_hours is not None),
        start,
        capacity_hours_per_week,
        deadline,
        calendar or WorkCalendar(),
        confidence,
        project,
        tuple(task.kind for task in remaining if task.estimate_hours is None),
    )
    return forecast_portfolio(
        [single], history, trials=trials, rng=rng, model=model, growth=growth
    )[0]


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
    growth: Growth | None = None,
) -> list[ProjectForecast]:
    """Forecast many projects of one team at once, in chunks so memory stays bounded.

    Projects of one chunk share random draws (see ``simulate_totals``): each forecast is exact on
    its own, but the forecasts are not independent of each other. With ``growth`` (observations
    of added work per unit of known work), each trial also draws one growth rate and each
    forecast carries the outlook with growth beside the one without.
    """
    plan = plan or plan_model(_model_name(model), history)
    schedules = [
        Schedule(p.start, p.capacity_hours_per_week, p.deadline, p.calendar) for p in projects
    ]
    multipliers = _multipliers(plan, projects, history)
    done_hours = _done_hours(projects, history) if growth is not None and len(growth) else None
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
        unestimated = [plan.effort_pool_index(p.unestimated_kinds) for p in batch]
        totals = simulate_totals(
            plan, estimates, trials, rng, multipliers[first : first + chunk], unestimated
        )
        remaining_hours = np.array([float(e.sum()) for e in estimates])
        confidences = [p.confidence for p in batch]
        grown: Sequence[GrowthForecast | None] = [None] * len(batch)
        if growth is not None and done_hours is not None:
            known = remaining_hours + done_hours[first : first + chunk]
            if plan.effort_pools:
                means = np.array([pool.mean() for pool in plan.effort_pools])
                known += np.array([float(means[u].sum()) for u in unestimated])
            grown = _with_growth(
                totals, known, growth, plan, schedules[first : first + chunk], confidences, rng
            )
        made = summarize(
            totals, remaining_hours, plan, schedules[first : first + chunk], confidences
        )
        results += [
            replace(
                f,
                unestimated_items=len(p.unestimated_kinds),
                remaining_items=len(p.estimates_hours) + len(p.unestimated_kinds),
                growth=g,
            )
            for f, p, g in zip(made, batch, grown, strict=True)
        ]
    return results


def _done_hours(projects: Sequence[PortfolioProject], history: History) -> NDArray[np.float64]:
    """Actual effort each project already finished (0 for a project the history does not name)."""
    named = {p.project for p in projects if p.project}
    rows = _rows_by_project(history, named) if named else {}
    return np.array(
        [
            float(history.actual_hours[rows[p.project]].sum()) if p.project in rows else 0.0
            for p in projects
        ]
    )


def _with_growth(
    totals: NDArray[np.float64],
    known_hours: NDArray[np.float64],
    growth: Growth,
    plan: SamplingPlan,
    schedules: list[Schedule],
    confidences: list[float],
    rng: np.random.Generator,
) -> list[GrowthForecast]:
    """Each trial adds rate × known work, the rate drawn once per trial from the observations."""
    rates = growth.rates[rng.integers(0, growth.rates.size, totals.shape[1])]
    # Single precision: half the memory to write and partition, and hours need no more digits.
    grown = np.empty(totals.shape, dtype=np.float32)
    np.multiply(known_hours[:, None], rates[None, :], out=grown, casting="same_kind")
    np.add(grown, totals, out=grown, casting="same_kind")
    made = summarize(grown, known_hours, plan, schedules, confidences)
    return [
        GrowthForecast(
            rate=growth.mean_rate,
            observations=len(growth),
            known_hours=float(known),
            effort_p50_hours=f.effort_p50_hours,
            effort_p85_hours=f.effort_p85_hours,
            effort_p95_hours=f.effort_p95_hours,
            finish_p50_on=f.finish_p50_on,
            finish_p85_on=f.finish_p85_on,
            finish_p95_on=f.finish_p95_on,
            p_on_time=f.p_on_time,
            recommended_on=f.recommended_on,
        )
        for f, known in zip(made, known_hours, strict=True)
    ]
