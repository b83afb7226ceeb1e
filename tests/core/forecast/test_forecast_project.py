"""Forecasting one project: exact small cases, determinism, invariants for any seed."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plazo.core.calendar import WorkCalendar
from plazo.core.forecast import HistoryRow, forecast_project, history_from_rows, plan_model
from plazo.core.forecast.prior import MIN_OWN_HISTORY_TASKS
from tests.core.forecast.factories import make_history, tasks

MONDAY = date(2027, 3, 1)
RATIOS = [0.5, 0.8, 1.0, 1.0, 1.0, 1.2, 1.5, 2.0, 3.0, 0.9] * 10  # 100 tasks, like a small team


def test_the_estimates_model_forecasts_the_sum_of_estimates_on_a_working_day() -> None:
    forecast = forecast_project(
        tasks(8, 16, 16),
        make_history(RATIOS),
        start=MONDAY,
        capacity_hours_per_week=40,
        model="estimates",
        rng=np.random.default_rng(1),
    )
    assert (forecast.effort_p50_hours, forecast.effort_p95_hours) == (40.0, 40.0)
    assert forecast.finish_p85_on == date(2027, 3, 5)
    assert forecast.recommended_on == date(2027, 3, 5)


def test_ebs_with_every_ratio_equal_multiplies_the_estimates() -> None:
    forecast = forecast_project(
        tasks(10, 10), make_history([1.5] * 30), model="ebs", rng=np.random.default_rng(1)
    )
    assert forecast.effort_p50_hours == pytest.approx(30.0)
    assert forecast.effort_p95_hours == pytest.approx(30.0)
    assert forecast.finish_p50_on is None
    assert forecast.reason == ""


def test_ebs_with_ratios_one_and_three_puts_p85_at_three_times_the_estimate() -> None:
    forecast = forecast_project(
        tasks(10), make_history([1.0, 3.0] * 10), model="ebs", rng=np.random.default_rng(4)
    )
    assert forecast.effort_p85_hours == pytest.approx(30.0)
    assert forecast.effort_p95_hours == pytest.approx(30.0)


def test_the_same_seed_gives_the_same_forecast() -> None:
    def run() -> object:
        return forecast_project(
            tasks(3, 5, 8, 13),
            make_history(RATIOS),
            start=MONDAY,
            capacity_hours_per_week=20,
            deadline=date(2027, 3, 10),
            rng=np.random.default_rng(42),
        )

    assert run() == run()


def test_a_tiny_history_uses_the_sip_prior_and_says_so() -> None:
    forecast = forecast_project(tasks(8), make_history([1.0, 2.0]), rng=np.random.default_rng(1))
    assert "SiP" in forecast.reason
    assert f"fewer than {MIN_OWN_HISTORY_TASKS}" in forecast.reason
    assert forecast.history_size == 2


def test_an_empty_history_still_forecasts_from_the_prior() -> None:
    forecast = forecast_project(tasks(8), make_history([]), rng=np.random.default_rng(1))
    assert forecast.effort_p50_hours > 0
    assert "only 0 finished task(s)" in forecast.reason


def test_the_default_model_draws_from_the_size_bin_of_each_task() -> None:
    small, large = [3.0] * 100, [2.0] * 100  # small tasks triple, large ones double
    history = make_history(small + large, estimates_hours=[1.0] * 100 + [40.0] * 100)
    plan = plan_model("sized", history)
    assert plan.size_bins(np.array([1.0, 40.0])).tolist() == [0, len(plan.pools) - 1]
    assert set(plan.pools[0].tolist()) == {3.0}
    assert set(plan.pools[-1].tolist()) == {2.0}


def test_a_deadline_before_the_start_is_refused() -> None:
    with pytest.raises(ValueError, match="before the start"):
        forecast_project(
            tasks(8),
            make_history(RATIOS),
            start=MONDAY,
            capacity_hours_per_week=40,
            deadline=MONDAY - timedelta(days=1),
            rng=np.random.default_rng(1),
        )


def test_the_recommended_date_is_the_first_working_day_reaching_the_confidence() -> None:
    calendar = WorkCalendar("ES")

    def chance(deadline: date) -> float:
        forecast = forecast_project(
            tasks(8, 8, 16, 24, 40),
            make_history(RATIOS),
            start=MONDAY,
            capacity_hours_per_week=30,
            deadline=deadline,
            calendar=calendar,
            rng=np.random.default_rng(9),
        )
        assert forecast.p_on_time is not None
        return forecast.p_on_time

    recommended = forecast_project(
        tasks(8, 8, 16, 24, 40),
        make_history(RATIOS),
        start=MONDAY,
        capacity_hours_per_week=30,
        calendar=calendar,
        rng=np.random.default_rng(9),
    ).recommended_on
    assert recommended is not None
    day_before = recommended - timedelta(days=1)
    while not calendar.is_working_day(day_before):
        day_before -= timedelta(days=1)
    assert chance(recommended) >= 0.85 > chance(day_before)


estimates = st.lists(st.floats(0.5, 80), min_size=1, max_size=40)
seeds = st.integers(0, 2**32 - 1)


@settings(max_examples=40, deadline=None)
@given(estimates=estimates, seed=seeds, model=st.sampled_from(["ebs", "sized", "default"]))
def test_percentiles_are_ordered_for_any_seed(
    estimates: list[float], seed: int, model: str
) -> None:
    forecast = forecast_project(
        tasks(*estimates),
        make_history(RATIOS),
        start=MONDAY,
        capacity_hours_per_week=25,
        trials=500,
        model=model,
        rng=np.random.default_rng(seed),
    )
    assert forecast.effort_p50_hours <= forecast.effort_p85_hours <= forecast.effort_p95_hours
    assert forecast.finish_p50_on is not None
    assert forecast.finish_p85_on is not None
    assert forecast.finish_p95_on is not None
    assert forecast.finish_p50_on <= forecast.finish_p85_on <= forecast.finish_p95_on


@settings(max_examples=40, deadline=None)
@given(estimates=estimates, extra=st.floats(0.5, 80), seed=seeds)
def test_more_remaining_work_never_gives_an_earlier_date(
    estimates: list[float], extra: float, seed: int
) -> None:
    history = make_history([1.3] * 40)  # one ratio: only the shared multiplier is random

    def p85(remaining: list[float]) -> date | None:
        return forecast_project(
            tasks(*remaining),
            history,
            start=MONDAY,
            capacity_hours_per_week=30,
            calendar=WorkCalendar("GB"),
            trials=300,
            rng=np.random.default_rng(seed),
        ).finish_p85_on

    before, after = p85(estimates), p85([*estimates, extra])
    assert before is not None
    assert after is not None
    assert after >= before


@settings(max_examples=40, deadline=None)
@given(estimates=estimates, capacity=st.floats(5, 60), extra=st.floats(0, 40), seed=seeds)
def test_more_capacity_never_gives_a_later_date(
    estimates: list[float], capacity: float, extra: float, seed: int
) -> None:
    def dates(capacity_hours_per_week: float) -> list[date | None]:
        f = forecast_project(
            tasks(*estimates),
            make_history(RATIOS),
            start=MONDAY,
            capacity_hours_per_week=capacity_hours_per_week,
            calendar=WorkCalendar("ES"),
            trials=300,
            rng=np.random.default_rng(seed),
        )
        return [f.finish_p50_on, f.finish_p85_on, f.finish_p95_on, f.recommended_on]

    slow, fast = dates(capacity), dates(capacity + extra)
    assert all(f is not None and s is not None and f <= s for f, s in zip(fast, slow, strict=True))


def _team(project_log_sd: float, seed: int = 5) -> list[HistoryRow]:
    """Twelve projects of 20 tasks; each project's ratios share a multiplier of this log-sd."""
    rng = np.random.default_rng(seed)
    rows = []
    for p in range(12):
        shared = float(np.exp(rng.normal(0, project_log_sd)))
        for i in range(20):
            ratio = float(np.exp(rng.normal(0, 0.3))) * shared
            rows.append(HistoryRow(f"P{p}", f"{p}-{i}", 4.0, 4.0 * ratio, MONDAY))
    return rows


def _running_late(rows: list[HistoryRow]) -> list[HistoryRow]:
    """The team's rows plus five tasks of project NEW that took three times their estimate."""
    return [*rows, *(HistoryRow("NEW", f"n{i}", 4.0, 12.0, MONDAY) for i in range(5))]


def test_where_projects_differ_a_project_running_late_is_forecast_later() -> None:
    history = history_from_rows(_running_late(_team(0.6)))
    assert plan_model("sized", history).project_spread_log_sd > 0.3

    def p50(project: str | None) -> float:
        return forecast_project(
            tasks(*[4.0] * 10), history, project=project, rng=np.random.default_rng(1)
        ).effort_p50_hours

    assert p50("NEW") > 1.5 * p50(None)


def test_where_projects_do_not_differ_a_projects_own_tasks_change_nothing() -> None:
    history = history_from_rows(_running_late(_team(0.0)))
    assert plan_model("sized", history).project_spread_log_sd == 0.0

    def p50(project: str | None) -> float:
        return forecast_project(
            tasks(*[4.0] * 10), history, project=project, rng=np.random.default_rng(1)
        ).effort_p50_hours

    assert p50("NEW") == p50(None)
