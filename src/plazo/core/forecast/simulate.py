"""The Monte Carlo engine: total remaining effort per trial for many projects, vectorised."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from numpy.typing import NDArray

from plazo.core.forecast.plans import SamplingPlan

__all__ = ["STREAMS", "simulate_totals"]

# Trials are split into this many random streams, each run by its own thread. The count is fixed,
# not the machine's core count, so a seed gives the same numbers everywhere.
STREAMS = 2
_BLOCK_ELEMENTS = 1 << 18  # ratios drawn per step: small enough to stay in cache


def simulate_totals(
    plan: SamplingPlan,
    estimates_hours: Sequence[NDArray[np.float64]],
    trials: int,
    rng: np.random.Generator,
    multipliers: Sequence[tuple[float, float]] | None = None,
    unestimated: Sequence[NDArray[np.intp]] | None = None,
) -> NDArray[np.float64]:
    """Total effort of each project's remaining tasks, shape ``(projects, trials)``.

    Projects in one call share their random draws (task slot j of every project gets the same
    ratio in a trial): each project's own distribution is exact, and one draw serves them all
    through a matrix product. Never add totals across projects of one call. ``multipliers``
    holds each project's shared multiplier (log-mean, log-sd); default: the plan's, unshifted.
    ``unestimated`` holds, per project, the effort pool of each unestimated item (see
    ``SamplingPlan.effort_pool_index``): each draws an actual effort from its pool.
    """
    if trials < 1:
        raise ValueError(f"trials must be at least 1, got {trials}")
    projects = len(estimates_hours)
    counts = _unestimated_counts(plan, unestimated, projects)
    if plan.deterministic:
        sums = np.array([float(np.sum(e)) for e in estimates_hours])
        if counts is not None:
            sums += counts @ np.array([float(pool[0]) for pool in plan.effort_pools])
        return np.repeat(sums[:, None], trials, axis=1)
    matrices = _estimate_matrices(plan, estimates_hours)
    pools_used = list(plan.pools)
    if counts is not None:
        # An unestimated item is a slot of weight 1 drawing an actual effort from its pool.
        for k, pool in enumerate(plan.effort_pools):
            width = int(counts[:, k].max())
            if width:
                slots = np.arange(width)[None, :] < counts[:, k : k + 1]
                matrices.append(slots.astype(np.float64))
                pools_used.append(pool)
    totals = np.zeros((projects, trials), dtype=np.float64)
    bounds = np.linspace(0, trials, STREAMS + 1).astype(int)
    streams = rng.spawn(STREAMS)

    def run(stream: int) -> None:
        _fill(
            pools_used,
            matrices,
            totals,
            int(bounds[stream]),
            int(bounds[stream + 1]),
            streams[stream],
        )

    with ThreadPoolExecutor(STREAMS) as executor:
        list(executor.map(run, range(STREAMS)))
    shift, spread = (
        np.array(multipliers or [(0.0, plan.shared_spread_log_sd)] * projects, dtype=np.float64)
        .reshape(projects, 2)
        .T
    )
    if spread.any() or shift.any():
        z = rng.standard_normal(trials)
        for row in range(projects):  # row by row: no (projects × trials) temporary
            s = spread[row]
            totals[row] *= np.exp(shift[row] - s * s / 2 + s * z)
    return totals


def _unestimated_counts(
    plan: SamplingPlan, unestimated: Sequence[NDArray[np.intp]] | None, projects: int
) -> NDArray[np.float64] | None:
    """(projects × effort pools) counts of unestimated items, or None when there are none."""
    if unestimated is None or not any(len(u) for u in unestimated):
        return None
    if len(unestimated) != projects:
        raise ValueError("one array of unestimated items per project")
    if not plan.effort_pools:
        raise ValueError("this plan has no effort pools for unestimated items")
    width = len(plan.effort_pools)
    return np.array(
        [np.bincount(np.asarray(u, dtype=np.intp), minlength=width) for u in unestimated],
        dtype=np.float64,
    )


def _estimate_matrices(
    plan: SamplingPlan, estimates_hours: Sequence[NDArray[np.float64]]
) -> list[NDArray[np.float64]]:
    """Per size bin, a (projects × slots) matrix of estimates, zero-padded."""
    binned = [plan.size_bins(np.asarray(e, dtype=np.float64)) for e in estimates_hours]
    matrices = []
    for k in range(len(plan.pools)):
        columns = [
            np.asarray(e, dtype=np.float64)[b == k]
            for e, b in zip(estimates_hours, binned, strict=True)
        ]
        width = max((c.size for c in columns), default=0)
        matrix = np.zeros((len(columns), width))
        for row, column in enumerate(columns):
            matrix[row, : column.size] = column
        matrices.append(matrix)
    return matrices


def _fill(
    pools: list[NDArray[np.float64]],
    matrices: list[NDArray[np.float64]],
    totals: NDArray[np.float64],
    first: int,
    last: int,
    rng: np.random.Generator,
) -> None:
    """Add each bin's draws into ``totals[:, first:last]``, a block of trials at a time."""
    for pool, matrix in zip(pools, matrices, strict=True):
        slots = matrix.shape[1]
        if slots == 0:
            continue
        block = max(1, _BLOCK_ELEMENTS // slots)
        scaled = np.empty((block, slots), dtype=np.float64)
        index = np.empty((block, slots), dtype=np.intp)
        ratios = np.empty((block, slots), dtype=np.float64)
        to_index = pool.size * 2.0**-32
        for start in range(first, last, block):
            size = min(block, last - start)
            x, i, r = scaled[:size], index[:size], ratios[:size]
            # Raw 32-bit draws times n/2³² are uniform indices in [0, n) (multiply-shift; bias
            # below n/2³²), at a third of the cost of Generator.integers.
            raw = rng.bit_generator.random_raw((size * slots + 1) // 2).view(np.uint32)
            np.multiply(raw[: size * slots].reshape(size, slots), to_index, out=x)
            i[...] = x
            np.take(pool, i, out=r)
            totals[:, start : start + size] += matrix @ r.T
