"""The portfolio batch and the throughput mode."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from plazo.core.forecast import PortfolioProject, forecast_portfolio, forecast_throughput
from plazo.core.forecast import project as project_module
from tests.core.forecast.factories import make_history

MONDAY = date(2027, 1, 4)
HISTORY = make_history([0.5, 1.0, 1.0, 1.5, 2.5] * 20)


def test_a_portfolio_gets_one_forecast_per_project_in_order() -> None:
    projects = [PortfolioProject([8.0] * n, MONDAY, 40.0) for n in (1, 5, 20)]
    results = forecast_portfolio(projects, HISTORY, trials=2_000, rng=np.random.default_rng(3))
    assert [r.remaining_hours for r in results] == [8.0, 40.0, 160.0]
    assert results[0].effort_p50_hours < results[1].effort_p50_hours < results[2].effort_p50_hours


def test_identical_projects_in_one_batch_get_identical_forecasts() -> None:
    projects = [PortfolioProject([3.0, 5.0, 8.0], MONDAY, 20.0)] * 4
    results = forecast_portfolio(projects, HISTORY, trials=1_000, rng=np.random.default_rng(3))
    assert all(r == results[0] for r in results)


def test_chunking_keeps_every_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(project_module, "_CHUNK_BYTES", 8 * 1_000 * 2)  # two projects a chunk
    projects = [PortfolioProject([float(n)]) for n in range(1, 8)]
    results = forecast_portfolio(projects, HISTORY, trials=1_000, rng=np.random.default_rng(3))
    assert [r.remaining_hours for r in results] == [float(n) for n in range(1, 8)]


def test_throughput_of_two_items_a_week_finishes_ten_items_in_five_weeks() -> None:
    forecast = forecast_throughput(
        10, [2, 2, 2], start=MONDAY, deadline=date(2027, 2, 4), rng=np.random.default_rng(1)
    )
    assert (forecast.weeks_p50, forecast.weeks_p95) == (5, 5)
    assert forecast.finish_p85_on == date(2027, 2, 5)  # the Friday of the fifth week
    assert forecast.p_on_time == 0.0


def test_throughput_percentiles_are_ordered() -> None:
    forecast = forecast_throughput(30, [0, 1, 3, 5, 2], start=MONDAY, rng=np.random.default_rng(2))
    assert forecast.weeks_p50 <= forecast.weeks_p85 <= forecast.weeks_p95
    assert forecast.finish_p50_on <= forecast.recommended_on <= forecast.finish_p95_on


def test_throughput_without_a_completed_week_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one past week"):
        forecast_throughput(3, [0, 0], start=MONDAY, rng=np.random.default_rng(1))
