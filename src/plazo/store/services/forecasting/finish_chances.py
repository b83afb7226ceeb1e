"""The chance that a project finishes by any given day, from the same simulation as its forecast.

A stored Forecast keeps only P50/P85/P95 and the chance of the promised date. To price any other
date the simulation is run again with the seed of the project's latest forecast (seeds come from
the inputs' fingerprint), so while the inputs are unchanged the same trials come out and every
chance here agrees with the stored percentiles: P(finish ≤ P85 date) ≥ 0.85, and the chance of
the promised date equals the stored ``p_on_time``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from plazo.core.forecast import PortfolioProject, forecast_portfolio
from plazo.store.models import Forecast, Project
from plazo.store.services.forecasting.run import (
    TRIALS,
    fit_history,
    organisation_history,
    remaining_work,
)

__all__ = ["finish_chances"]


def finish_chances(
    project: Project, days: Sequence[date], *, today: date
) -> dict[date, float] | None:
    """P(the remaining work is done by the end of each of ``days``), or None without a forecast.

    1. The seed is the latest stored forecast's, the inputs are read as the forecaster reads them.
    2. One project row per day, all in one call: rows of one call share their random draws, so
       every day is priced on the very same trials (the rows differ only in their deadline).
    """
    latest = project.forecasts.latest_run()
    if latest is None or not latest.inputs_fingerprint:
        return None
    start = max(today, project.start_on)
    estimates = tuple(float(estimate or 0) for _, estimate, _ in remaining_work(project))
    calendar = project.work_calendar()
    wanted = sorted({day for day in days if day >= start})
    chances = {day: 0.0 for day in days if day < start}  # that day is already behind us
    if not wanted:
        return chances
    fitted = fit_history(organisation_history(project.organisation_id))
    rows = [
        PortfolioProject(
            estimates,
            start,
            float(project.capacity_hours_per_week),
            day,
            calendar,
            float(project.confidence_target),
            str(project.pk),
        )
        for day in wanted
    ]
    results = forecast_portfolio(
        rows, fitted.history, trials=TRIALS, rng=_seeded(latest), plan=fitted.plan
    )
    for day, result in zip(wanted, results, strict=True):
        assert result.p_on_time is not None  # every row is dated and has a deadline
        chances[day] = result.p_on_time
    return chances


def _seeded(forecast: Forecast) -> np.random.Generator:
    """The random generator the forecaster seeded for ``forecast``'s inputs."""
    return np.random.default_rng(int(forecast.inputs_fingerprint[:16], 16))
