"""The backtest of DESIGN §5: replay a history's projects at three cuts, score the quantiles."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from plazo.core.forecast.history import History
from plazo.core.forecast.plans import DEFAULT_MODEL, SamplingPlan, plan_model
from plazo.core.forecast.simulate import simulate_totals
from plazo.core.forecast.summarize import PERCENTILES, order_statistic_rank

__all__ = ["BacktestCut", "BacktestReport", "ModelScore", "backtest", "backtest_cuts"]

CUT_FRACTIONS = (0.25, 0.50, 0.75)
MIN_PROJECT_TASKS = 10
MIN_HISTORY_TASKS = 5


@dataclass(frozen=True, eq=False)
class BacktestCut:
    """One forecast the protocol makes: what was known, what remained, what it really took."""

    project: str
    fraction: float
    history: History
    remaining_estimates_hours: NDArray[np.float64]
    actual_hours: float


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


def backtest_cuts(history: History) -> list[BacktestCut]:
    """Every cut of the protocol, in project order then fraction order."""
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
            cuts.append(
                BacktestCut(
                    project,
                    fraction,
                    history.subset(known),
                    history.estimate_hours[remaining],
                    float(history.actual_hours[remaining].sum()),
                )
            )
    return cuts


Planner = Callable[[str, History], SamplingPlan]


def _quantiles(
    planner: Planner, model: str, cut: BacktestCut, trials: int, rng: np.random.Generator
) -> list[float]:
    plan = planner(model, cut.history)
    own = cut.history.subset(cut.history.project == cut.project)
    multiplier = plan.shared_multiplier(own)
    totals = simulate_totals(plan, [cut.remaining_estimates_hours], trials, rng, [multiplier])[0]
    ranks = [order_statistic_rank(p, trials) for p in PERCENTILES]
    totals.partition(ranks)
    return [float(totals[r]) for r in ranks]


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
) -> BacktestReport:
    """Run the protocol for each model; ``progress(done, total)`` is called after each cut.

    ``planner`` fits a model by name to a cut's history (variants for experiments go here).
    """
    names = list(dict.fromkeys([*models, default]))
    cuts = backtest_cuts(history)
    quantiles = {name: np.empty((len(cuts), len(PERCENTILES))) for name in names}
    for i, cut in enumerate(cuts):
        for name in names:
            quantiles[name][i] = _quantiles(planner, name, cut, trials, rng)
        if progress is not None:
            progress(i + 1, len(cuts))
    actuals = np.array([cut.actual_hours for cut in cuts])
    return BacktestReport(
        forecasts=len(cuts),
        default=default,
        models={name: score(quantiles[name], actuals) for name in names},
    )
