"""Scope growth: how much work a team adds per unit of work it already knows, from created dates.

A past project seen at a point t of its life (25, 50 and 75 % of its finished tasks) had
*known work*, the actual effort of what it had finished plus the estimates of what was already
created and still open, and went on to add work created after t. Their ratio is one observation:

    g = actual effort of the items created after t / (done actual + open known estimates at t)

A forecast draws one g per trial from these observations and adds g × its own known work
(the project's finished effort plus its remaining estimates), so a project that keeps growing
as it goes is forecast as one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from plazo.core.forecast.history import History

__all__ = ["GROWTH_POINTS", "Growth", "growth_observations", "measure_growth"]

GROWTH_POINTS = (0.25, 0.50, 0.75)
_MIN_PROJECT_TASKS = 10


@dataclass(frozen=True, eq=False)
class Growth:
    """Observed added work per unit of known work; empty when no created dates are known."""

    rates: NDArray[np.float64]
    reason: str = ""
    project_rates: NDArray[np.float64] | None = None  # the named project's own observations

    @property
    def mean_rate(self) -> float:
        """The average added work per unit of known work (0 when nothing was observed)."""
        return float(self.rates.mean()) if self.rates.size else 0.0

    @property
    def project_rate(self) -> float | None:
        """The named project's own average, when it has finished enough to be observed."""
        if self.project_rates is None or self.project_rates.size == 0:
            return None
        return float(self.project_rates.mean())

    def __len__(self) -> int:
        return int(self.rates.size)


def growth_observations(history: History) -> NDArray[np.float64]:
    """One g per project with ≥ 10 finished tasks and created dates, at 25, 50 and 75 % done.

    1. A project's tasks are sorted by (completed_on, task), as the backtest sorts them.
    2. At point t = completed_on of task c−1, done = the first c; the open tasks created by t
       are known (an unknown created date counts as known); the rest were added after t.
    """
    if history.created_on is None or len(history) == 0:
        return np.empty(0)
    created = history.created_on
    order = np.lexsort((history.task, history.completed_on, history.project))
    projects = history.project[order]
    bounds = np.flatnonzero(projects[1:] != projects[:-1]) + 1
    rates = []
    for mine in np.split(order, bounds):
        n = mine.size
        if n < _MIN_PROJECT_TASKS or np.isnat(created[mine]).all():
            continue
        actual = history.actual_hours[mine]
        estimate = history.estimate_hours[mine]
        born = created[mine]
        for fraction in GROWTH_POINTS:
            c = int(np.floor(fraction * n))
            cut_on = history.completed_on[mine[c - 1]]
            later = ~np.isnat(born[c:]) & (born[c:] > cut_on)
            known = float(actual[:c].sum() + estimate[c:][~later].sum())
            if known > 0:
                rates.append(float(actual[c:][later].sum()) / known)
    return np.array(rates, dtype=np.float64)


def measure_growth(history: History, project: str | None = None) -> Growth:
    """The team's growth observations (and ``project``'s own), with a reason when there are none.

    Forecasts draw from the team's: a project's own finished tasks give at most three points.
    """
    rates = growth_observations(history)
    own = None
    if project is not None:
        own = growth_observations(history.subset(history.project == project))
    if rates.size:
        return Growth(rates, project_rates=own)
    if history.created_on is None or np.isnat(history.created_on).all():
        return Growth(rates, "the history has no created dates, so growth is not measured")
    return Growth(rates, "no project with 10 finished tasks and created dates to measure growth")
