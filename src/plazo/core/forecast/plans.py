"""Models as sampling plans: ratio pools per task-size bin, and a shared multiplier's spread."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from plazo.core.forecast.history import History
from plazo.core.forecast.prior import (
    MIN_OWN_HISTORY_TASKS,
    SIP_RATIO_QUANTILES,
    SIP_SHARED_SPREAD_LOG_SD,
)

__all__ = ["DEFAULT_MODEL", "MODELS", "SamplingPlan", "UnknownModel", "plan_model"]

DEFAULT_MODEL = "sized"
MODELS = ("estimates", "ebs", "sized")
_MIN_TASKS_PER_SIZE_BIN = 50
_MAX_SIZE_BINS = 5


class UnknownModel(ValueError):
    """No model by that name."""


@dataclass(frozen=True, eq=False)
class SamplingPlan:
    """How to draw a remaining task's effort: estimate × a ratio from its size bin's pool × M.

    ``M = exp(spread·Z − spread²/2)`` is one draw per trial shared by every task (mean 1), so tasks
    of a forecast run over or under together. ``deterministic`` plans use the estimates as they are.
    """

    name: str
    pools: tuple[NDArray[np.float64], ...]
    log_size_edges: NDArray[np.float64]
    shared_spread_log_sd: float
    history_size: int
    reason: str = ""
    deterministic: bool = False

    def size_bins(self, estimates_hours: NDArray[np.float64]) -> NDArray[np.intp]:
        """The pool each remaining task draws its ratio from, by the size of its estimate."""
        if self.log_size_edges.size == 0:
            return np.zeros(estimates_hours.shape, dtype=np.intp)
        bins: NDArray[np.intp] = np.searchsorted(
            self.log_size_edges, np.log(estimates_hours), side="right"
        )
        return bins


def _pool(history: History, name: str) -> tuple[NDArray[np.float64], str]:
    """The history's ratios, pooled with the SiP prior when there are too few of them."""
    ratios = history.ratios
    if ratios.size >= MIN_OWN_HISTORY_TASKS:
        return ratios, ""
    reason = (
        f"only {ratios.size} finished task(s) in the history (fewer than {MIN_OWN_HISTORY_TASKS}): "
        f"the {name} model pooled them with a prior derived from the SiP dataset"
    )
    return np.concatenate([SIP_RATIO_QUANTILES, ratios]), reason


def plan_model(name: str, history: History) -> SamplingPlan:
    """Fit model ``name`` to ``history``."""
    size = len(history)
    if name == "estimates":
        one = np.ones(1)
        return SamplingPlan(name, (one,), np.empty(0), 0.0, size, deterministic=True)
    if name == "ebs":
        pool, reason = _pool(history, name)
        return SamplingPlan(name, (pool,), np.empty(0), 0.0, size, reason)
    if name == "sized":
        return _plan_sized(history)
    raise UnknownModel(f"unknown model {name!r} (choose from {', '.join(MODELS)})")


def _plan_sized(history: History) -> SamplingPlan:
    """Ratios conditioned on task size (quantile bins of log estimate), plus a shared multiplier.

    1. How far actuals stray from estimates depends on the task's size, so each remaining task
       draws from the finished tasks of similar size: up to 5 bins, at least 50 tasks each.
    2. Tasks of one project are not independent; a multiplier shared by the trial's tasks adds
       the correlation plain EBS ignores (spread from SiP, see ``prior``).
    """
    pool, reason = _pool(history, "sized")
    bins = min(_MAX_SIZE_BINS, len(history) // _MIN_TASKS_PER_SIZE_BIN)
    if bins <= 1 or reason:
        return SamplingPlan(
            "sized", (pool,), np.empty(0), SIP_SHARED_SPREAD_LOG_SD, len(history), reason
        )
    log_estimates = np.log(history.estimate_hours)
    # Edges are data points above the minimum, so no bin is ever empty.
    edges = np.unique(np.quantile(log_estimates, np.arange(1, bins) / bins, method="inverted_cdf"))
    edges = edges[edges > log_estimates.min()]
    which = np.searchsorted(edges, log_estimates, side="right")
    ratios = history.ratios
    pools = tuple(ratios[which == k] for k in range(edges.size + 1))
    return SamplingPlan("sized", pools, edges, SIP_SHARED_SPREAD_LOG_SD, len(history))
