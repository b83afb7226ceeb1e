"""Models as sampling plans: ratio pools per task-size bin, and a shared multiplier's spread."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

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
_MIN_TASKS_PER_PROJECT_SPREAD = 10
_MIN_PROJECTS_FOR_SPREAD = 8
_MAX_SHARED_SPREAD_LOG_SD = 1.0
_MIN_TASKS_PER_KIND = 20  # below this, an unestimated item of that kind draws from all items


class UnknownModel(ValueError):
    """No model by that name."""


@dataclass(frozen=True, eq=False)
class SamplingPlan:
    """How to draw a remaining task's effort: estimate × a ratio from its size bin's pool × M.

    ``M = exp(m + s·Z − s²/2)`` is one draw per trial shared by every task, so tasks of a forecast
    run over or under together; m and s come from :meth:`shared_multiplier`. ``deterministic``
    plans use the estimates as they are.
    """

    name: str
    pools: tuple[NDArray[np.float64], ...]
    log_size_edges: NDArray[np.float64]
    shared_spread_log_sd: float
    history_size: int
    reason: str = ""
    deterministic: bool = False
    project_spread_log_sd: float = 0.0  # the history's excess between-project spread
    min_shared_spread_log_sd: float = 0.0
    # Actual efforts an unestimated item draws from: all finished items, then one pool per kind.
    effort_pools: tuple[NDArray[np.float64], ...] = ()
    effort_kinds: tuple[str, ...] = ()

    def effort_pool_index(self, kinds: Sequence[str]) -> NDArray[np.intp]:
        """The effort pool of each unestimated item: its kind's, or all finished items'."""
        if len(kinds) == 0:
            return np.empty(0, dtype=np.intp)
        if not self.effort_pools or self.effort_pools[0].size == 0:
            raise ValueError(
                "unestimated items are sized from the actual effort of finished items, "
                "and the history has none: estimate them or give a history"
            )
        where = {kind: k + 1 for k, kind in enumerate(self.effort_kinds)}
        return np.array([where.get(kind, 0) for kind in kinds], dtype=np.intp)

    def shared_multiplier(self, own: History | None = None) -> tuple[float, float]:
        """Log-mean m and log-sd s of a project's shared multiplier, given its finished tasks.

        Empirical Bayes: projects vary around 1 with the history's excess spread τ; the project's
        own finished tasks pull it toward their overrun z with weight τ²/(τ² + noise of z).
        Where projects show no excess spread (τ = 0) a project's early tasks change nothing.
        """
        tau = self.project_spread_log_sd
        if own is None or len(own) == 0 or tau <= 0 or self.deterministic:
            return 0.0, self.shared_spread_log_sd
        which = self.size_bins(own.estimate_hours)
        means = np.array([pool.mean() for pool in self.pools])
        variances = np.array([pool.var() for pool in self.pools])
        expected = float(np.sum(own.estimate_hours * means[which]))
        noise = float(np.sum(own.estimate_hours**2 * variances[which])) / max(expected, 1e-12) ** 2
        z = float(np.log(max(float(own.actual_hours.sum()), 1e-9) / max(expected, 1e-12)))
        weight = tau * tau / (tau * tau + noise)
        spread = max(self.min_shared_spread_log_sd, tau * float(np.sqrt(1 - weight)))
        return weight * z, spread

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
    """Fit model ``name`` to ``history``, with the effort pools unestimated items draw from."""
    plan = _plan_ratios(name, history)
    pools, kinds = effort_pools(history)
    if plan.deterministic:
        # Deterministic plans size an unestimated item at the mean finished item.
        pools = tuple(np.array([pool.mean()]) if pool.size else pool for pool in pools)
    return replace(plan, effort_pools=pools, effort_kinds=kinds)


def effort_pools(history: History) -> tuple[tuple[NDArray[np.float64], ...], tuple[str, ...]]:
    """Actual efforts of all finished items, then of each kind with at least 20 of them."""
    actual = history.actual_hours
    if history.kind is None:
        return (actual,), ()
    names, counts = np.unique(history.kind, return_counts=True)
    kinds = tuple(
        str(k) for k, n in zip(names, counts, strict=True) if k and n >= _MIN_TASKS_PER_KIND
    )
    return (actual, *(actual[history.kind == kind] for kind in kinds)), kinds


def _plan_ratios(name: str, history: History) -> SamplingPlan:
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
       the correlation plain EBS ignores: its spread is the history's excess between-project
       spread, never below the SiP prior's; a project's own finished tasks shift it.
    """
    pool, reason = _pool(history, "sized")
    bins = min(_MAX_SIZE_BINS, len(history) // _MIN_TASKS_PER_SIZE_BIN)
    if bins <= 1 or reason:
        return SamplingPlan(
            "sized",
            (pool,),
            np.empty(0),
            SIP_SHARED_SPREAD_LOG_SD,
            len(history),
            reason,
            min_shared_spread_log_sd=SIP_SHARED_SPREAD_LOG_SD,
        )
    log_estimates = np.log(history.estimate_hours)
    # Edges are data points above the minimum, so no bin is ever empty.
    edges = np.unique(np.quantile(log_estimates, np.arange(1, bins) / bins, method="inverted_cdf"))
    edges = edges[edges > log_estimates.min()]
    which = np.searchsorted(edges, log_estimates, side="right")
    ratios = history.ratios
    pools = tuple(ratios[which == k] for k in range(edges.size + 1))
    tau = excess_project_spread(history, pools, which)
    return SamplingPlan(
        "sized",
        pools,
        edges,
        max(SIP_SHARED_SPREAD_LOG_SD, tau),
        len(history),
        project_spread_log_sd=tau,
        min_shared_spread_log_sd=SIP_SHARED_SPREAD_LOG_SD,
    )


def excess_project_spread(
    history: History, pools: tuple[NDArray[np.float64], ...], which: NDArray[np.intp]
) -> float:
    """Log-sd of project totals beyond what independent draws explain (0 when none, or unknown).

    1. For each project with enough tasks, z = log(actual total / total expected from the bins).
    2. Independent draws alone would give z a variance of about Σ e²·var(bin) / (Σ e·mean(bin))².
    3. The excess of the observed variance of z over the mean of (2) is the shared part.
    """
    means = np.array([pool.mean() for pool in pools])
    variances = np.array([pool.var() for pool in pools])
    expected = history.estimate_hours * means[which]
    names, project = np.unique(history.project, return_inverse=True)
    counts = np.bincount(project, minlength=names.size)
    big = counts >= _MIN_TASKS_PER_PROJECT_SPREAD
    if big.sum() < _MIN_PROJECTS_FOR_SPREAD:
        return 0.0
    expected_total = np.bincount(project, expected, minlength=names.size)[big]
    actual_total = np.bincount(project, history.actual_hours, minlength=names.size)[big]
    noise = (
        np.bincount(project, history.estimate_hours**2 * variances[which], minlength=names.size)[
            big
        ]
        / np.maximum(expected_total, 1e-12) ** 2
    )
    z = np.log(np.maximum(actual_total, 1e-9) / np.maximum(expected_total, 1e-12))
    excess = float(np.var(z) - np.mean(noise))
    return min(_MAX_SHARED_SPREAD_LOG_SD, float(np.sqrt(excess))) if excess > 0 else 0.0
