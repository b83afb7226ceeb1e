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

from plazo.store.services.forecasting.inputs import project_inputs, simulate
from plazo.store.services.forecasting.run import OrganisationHistories
from plazo.store.services.work.snapshots import ProjectSnapshot

__all__ = ["finish_chances"]


def finish_chances(
    snapshot: ProjectSnapshot,
    days: Sequence[date],
    *,
    today: date,
    histories: OrganisationHistories,
) -> dict[date, float] | None:
    """P(the remaining work is done by the end of each of ``days``), or None without a forecast.

    1. The seed is the latest stored forecast's, the inputs are read as the forecaster reads them
       (the same remaining work, the same model chosen).
    2. One deadline per day, all from one seed: every day is priced on the very same trials.
    """
    latest = snapshot.latest_forecast
    if latest is None or not latest.inputs_fingerprint:
        return None
    inputs = project_inputs(snapshot, today=today)
    wanted = sorted({day for day in days if day >= inputs.start})
    chances = {day: 0.0 for day in days if day < inputs.start}  # that day is already behind us
    if not wanted:
        return chances
    fitted = histories.of(snapshot.project.organisation_id)
    results = simulate(
        inputs,
        str(snapshot.project.pk),
        fitted.history,
        fitted.plan,
        None,
        int(latest.inputs_fingerprint[:16], 16),
        deadlines=wanted,
    )
    for day, result in zip(wanted, results, strict=True):
        assert result.p_on_time is not None  # every row is dated and has a deadline
        chances[day] = result.p_on_time
    return chances
