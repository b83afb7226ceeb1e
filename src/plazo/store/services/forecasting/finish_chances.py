"""The chance that a project finishes by any given day, from the same simulation as its forecast.

A stored Forecast keeps only P50/P85/P95 and the chance of the promised date. To price any other
date the simulation is run again with the seed a forecast of the same inputs gets
(:func:`~plazo.store.services.forecasting.run.trials_seed`, which leaves the promised date out),
so while the inputs are unchanged the same trials come out and every chance here agrees with the
stored percentiles: P(finish ≤ P85 date) ≥ 0.85, the chance of the promised date equals the
stored ``p_on_time``, and the chance of a date the owner is about to promise equals the
``p_on_time`` the forecast against it stores once it is promised. This is the one definition of
"the chance of meeting date D" that the review page, the notice and the project page share.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from plazo.store.services.forecasting.inputs import project_inputs, simulate
from plazo.store.services.forecasting.run import OrganisationHistories, trials_seed
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

    1. The inputs are read as the forecaster reads them (the same remaining work, the same model
       chosen) and seeded as it seeds them; without a stored forecast there is nothing to price.
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
        trials_seed(snapshot.project, inputs, fitted),
        deadlines=wanted,
    )
    for day, result in zip(wanted, results, strict=True):
        assert result.p_on_time is not None  # every row is dated and has a deadline
        chances[day] = result.p_on_time
    return chances
