"""The backtest of DESIGN §5: replay a history's projects at three cuts, score the quantiles."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from plazo.core.calendar import WorkCalendar
from plazo.core.forecast.growth import Growth, measure_growth
from plazo.core.forecast.history import History
from plazo.core.forecast.plans import DEFAULT_MODEL, SamplingPlan, plan_model
from plazo.core.forecast.simulate import simulate_totals
from plazo.core.forecast.summarize import PERCENTILES, order_statistic_rank
from plazo.core.forecast.throughput import (
    DEFAULT_THROUGHPUT_WEEKS,
    simulate_working_days,
    weekly_throughput,
)

__all__ = [
    "AS_KNOWN_THEN",
    "GROWTH_SUFFIX",
    "PROTOCOLS",
    "THROUGHPUT",
    "BacktestCut",
    "BacktestReport",
    "ModelScore",
    "backtest",
    "backtest_cuts",
]

CUT_FRACTIONS = (0.25, 0.50, 0.75)
MIN_PROJECT_TASKS = 10
MIN_HISTORY_TASKS = 5
STANDARD, AS_KNOWN_THEN = "standard", "as-known-then"
PROTOCOLS = (STANDARD, AS_KNOWN_THEN)
THROUGHPUT = "throughput"  # scored on working days to the last remaining item, not on effort
GROWTH_SUFFIX = "+growth"  # "sized+growth": the model, plus the work the team adds
_CALENDAR = WorkCalendar()  # Monday to Friday, no holidays: the History CSV names no country


@dataclass(frozen=True, eq=False)
class BacktestCut:
    """One forecast the protocol makes: what was known, what remained, what it really took."""

    project: str
    fraction: float
    history: History
    remaining_estimates_hours: NDArray[np.float64]  # the remaining tasks known at the cut
    actual_hours: float  # every remaining task's actual effort
    cut_on: date | None = None
    done_hours: float = 0.0  # the project's finished effort at the cut
    finish_working_days: float = 0.0  # working days after the cut until the last task was done
    since: date | None = None  # the project's first day of activity


@dataclass(frozen=True)
class ModelScore:
    """How one model did: coverage per percentile, worst miss, mean relative pinball loss."""

    coverage: dict[float, float]
    calibration_error: float
    pinball: float


@dataclass(frozen=True)
class BacktestReport:
    """Scores of every model over the same cuts."""

    forecasts: int
    default: str
    models: dict[str, ModelScore]
    protocol: str = STANDARD


def backtest_cuts(history: History, protocol: str = STANDARD) -> list[BacktestCut]:
    """Every cut of the protocol, in project order then fraction order.

    ``as-known-then``: the forecaster sees only the remaining tasks created by the cut date; the
    truth is still the effort of every task finished after the cut.
    """
    if protocol not in PROTOCOLS:
        raise ValueError(f"unknown protocol {protocol!r} (choose from {', '.join(PROTOCOLS)})")
    created = history.created_on
    if protocol == AS_KNOWN_THEN and (created is None or np.isnat(created).all()):
        raise ValueError("the as-known-then protocol needs a created_on column in the history")
    cuts = []
    for project in sorted(set(history.project.tolist())):
        mine = np.flatnonzero(history.project == project)
        n = mine.size
        if n < MIN_PROJECT_TASKS:
            continue
        mine = mine[np.lexsort((history.task[mine], history.completed_on[mine]))]
        others = np.flatnonzero(history.project != project)
        for fraction in CUT_FRACTIONS:
            c = math.floor(fraction * n)
            done, remaining = mine[:c], mine[c:]
            cut_on = history.completed_on[mine[c - 1]]
            before = others[history.completed_on[others] < cut_on]
            known = np.concatenate([done, before])
            if known.size < MIN_HISTORY_TASKS:
                continue
            seen = remaining
            if protocol == AS_KNOWN_THEN:
                assert created is not None
                born = created[remaining]
                seen = remaining[np.isnat(born) | (born <= cut_on)]
            cut_day = _day(cut_on)
            first = history.completed_on[mine[0]]
            if created is not None and not np.isnat(created[mine]).all():
                first = min(first, np.nanmin(created[mine]))
            cuts.append(
                BacktestCut(
                    project,
                    fraction,
                    history.subset(known),
                    history.estimate_hours[seen],
                    float(history.actual_hours[remaining].sum()),
                    cut_on=cut_day,
                    done_hours=float(history.actual_hours[done].sum()),
                    finish_working_days=float(
                        _CALENDAR.working_days_between(
                            cut_day + timedelta(days=1),
                            _day(history.completed_on[remaining].max()),
                        )
                    ),
                    since=_day(first),
                )
            )
    return cuts


def _day(value: np.datetime64) -> date:
    day = value.astype("datetime64[D]").astype(object)
    assert isinstance(day, date)
    return day


Planner = Callable[[str, History], SamplingPlan]


def _quantiles(
    planner: Planner,
    model: str,
    cut: BacktestCut,
    trials: int,
    rng: np.random.Generator,
    growth: Callable[[], Growth],
) -> list[float]:
    if model == THROUGHPUT:
        totals = _throughput_days(cut, trials, rng)
    else:
        base = model.removesuffix(GROWTH_SUFFIX)
        plan = planner(base, cut.history)
        own = cut.history.subset(cut.history.project == cut.project)
        multiplier = plan.shared_multiplier(own)
        totals = simulate_totals(plan, [cut.remaining_estimates_hours], trials, rng, [multiplier])[
            0
        ]
        if model.endswith(GROWTH_SUFFIX) and len(growth()):
            rates = growth().rates[rng.integers(0, len(growth()), trials)]
            totals += rates * (cut.done_hours + float(cut.remaining_estimates_hours.sum()))
    ranks = [order_statistic_rank(p, trials) for p in PERCENTILES]
    totals.partition(ranks)
    return [float(totals[r]) for r in ranks]


def _throughput_days(
    cut: BacktestCut, trials: int, rng: np.random.Generator
) -> NDArray[np.float64]:
    """Working days to finish the known remaining items at the project's own recent pace."""
    assert cut.cut_on is not None
    mine = cut.history.project == cut.project
    pace = weekly_throughput(
        cut.history.completed_on[mine],
        until=cut.cut_on,
        calendar=_CALENDAR,
        since=cut.since,
        weeks=DEFAULT_THROUGHPUT_WEEKS,
    )
    return simulate_working_days(
        int(cut.remaining_estimates_hours.size), pace, trials=trials, rng=rng
    )


def score(quantiles: NDArray[np.float64], actuals: NDArray[np.float64]) -> ModelScore:
    """Coverage, calibration error and mean relative pinball of (forecasts × percentiles)."""
    levels = np.array(PERCENTILES)
    if actuals.size == 0:
        nan = float("nan")
        return ModelScore(dict.fromkeys(PERCENTILES, nan), nan, nan)
    covered = (actuals[:, None] <= quantiles).mean(axis=0)
    positive = actuals > 0
    miss = actuals[positive, None] - quantiles[positive]
    loss = np.where(miss >= 0, levels * miss, (levels - 1) * miss) / actuals[positive, None]
    return ModelScore(
        coverage={p: float(c) for p, c in zip(PERCENTILES, covered, strict=True)},
        calibration_error=float(np.max(np.abs(covered - levels))),
        pinball=float(loss.mean()) if loss.size else float("nan"),
    )


def backtest(
    history: History,
    *,
    rng: np.random.Generator,
    models: Sequence[str] = ("estimates", "ebs", DEFAULT_MODEL),
    default: str = DEFAULT_MODEL,
    trials: int = 10_000,
    progress: Callable[[int, int], None] | None = None,
    planner: Planner = plan_model,
    protocol: str = STANDARD,
) -> BacktestReport:
    """Run the protocol for each model; ``progress(done, total)`` is called after each cut.

    ``planner`` fits a model by name to a cut's history (variants for experiments go here);
    ``NAME+growth`` adds the scope growth measured in the cut's history to model NAME;
    ``throughput`` forecasts the working days until the last remaining task is done and is
    scored against the days it really took.
    """
    names = list(dict.fromkeys([*models, default]))
    cuts = backtest_cuts(history, protocol)
    quantiles = {name: np.empty((len(cuts), len(PERCENTILES))) for name in names}
    for i, cut in enumerate(cuts):
        measured: list[Growth] = []

        def growth(cut: BacktestCut = cut, measured: list[Growth] = measured) -> Growth:
            if not measured:
                measured.append(measure_growth(cut.history))
            return measured[0]

        for name in names:
            quantiles[name][i] = _quantiles(planner, name, cut, trials, rng, growth)
        if progress is not None:
            progress(i + 1, len(cuts))
    efforts = np.array([cut.actual_hours for cut in cuts])
    days = np.array([cut.finish_working_days for cut in cuts])
    return BacktestReport(
        forecasts=len(cuts),
        default=default,
        models={
            name: score(quantiles[name], days if name == THROUGHPUT else efforts) for name in names
        },
        protocol=protocol,
    )
