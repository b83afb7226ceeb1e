"""Unestimated items and scope growth: exact small cases, and invariants for any seed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plazo.core.calendar import WorkCalendar
from plazo.core.forecast import (
    Growth,
    HistoryRow,
    Task,
    forecast_project,
    history_from_rows,
    measure_growth,
    read_tasks_csv,
)
from plazo.core.forecast.growth import growth_observations
from tests.core.forecast.factories import make_history

MONDAY = date(2027, 3, 1)


def kinds_history() -> list[HistoryRow]:
    """25 bugs that took 2 h and 25 features that took 10 h, all exactly as estimated."""
    day = date(2026, 1, 1)
    return [
        *(HistoryRow("P", f"b{i}", 2.0, 2.0, day, kind="bug") for i in range(25)),
        *(HistoryRow("P", f"f{i}", 10.0, 10.0, day, kind="feature") for i in range(25)),
    ]


def test_an_unestimated_item_takes_what_finished_items_took() -> None:
    # Every finished task took 8 h, exactly its estimate: EBS then has no randomness left.
    forecast = forecast_project(
        [Task(3.0), Task(5.0), Task(None), Task(None)],
        make_history([1.0] * 40),
        model="ebs",
        rng=np.random.default_rng(1),
    )
    assert (forecast.effort_p50_hours, forecast.effort_p95_hours) == (24.0, 24.0)
    assert (forecast.remaining_hours, forecast.remaining_items, forecast.unestimated_items) == (
        8.0,
        4,
        2,
    )


def test_an_unestimated_item_draws_from_finished_items_of_its_kind() -> None:
    history = history_from_rows(kinds_history())

    def effort(kind: str) -> tuple[float, float]:
        f = forecast_project(
            [Task(None, kind=kind)], history, model="ebs", rng=np.random.default_rng(2)
        )
        return f.effort_p50_hours, f.effort_p95_hours

    assert effort("feature") == (10.0, 10.0)
    assert effort("bug") == (2.0, 2.0)
    assert effort("") == (10.0, 10.0)  # all finished items: half take 10 h, P50 is the upper
    assert effort("chore") == effort("")  # no chores finished yet: all items


def test_the_estimates_model_sizes_an_unestimated_item_at_the_mean_finished_item() -> None:
    forecast = forecast_project(
        [Task(4.0), Task(None)],
        history_from_rows(kinds_history()),
        model="estimates",
        rng=np.random.default_rng(1),
    )
    assert forecast.effort_p50_hours == 10.0  # 4 + mean(2, 10)


def test_unestimated_items_without_any_finished_item_are_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="estimate them or give a history"):
        forecast_project([Task(None)], make_history([]), rng=np.random.default_rng(1))


def test_the_default_model_with_unestimated_items_is_repeatable_and_in_the_right_clusters() -> None:
    forecast = forecast_project(
        [Task(8.0), Task(None), Task(None, kind="bug")],
        history_from_rows(kinds_history()),
        trials=2_000,
        rng=np.random.default_rng(7),
    )
    again = forecast_project(
        [Task(8.0), Task(None), Task(None, kind="bug")],
        history_from_rows(kinds_history()),
        trials=2_000,
        rng=np.random.default_rng(7),
    )
    assert forecast == again
    # Ratios are all 1 and the multiplier M has log-sd 0.1: a total is 8 + {2 or 10} + 2 = 12
    # or 20 (half the trials each), times M. P50 is the top of the 12 cluster (12·e^(0.1·z),
    # z ≤ 3.5), P85 and P95 are the 20 cluster's 70th and 90th percentiles.
    assert 12.0 < forecast.effort_p50_hours < 12.0 * np.exp(0.35)
    assert forecast.effort_p85_hours == pytest.approx(20.0 * np.exp(0.1 * 0.524 - 0.005), rel=0.02)
    assert forecast.effort_p95_hours == pytest.approx(20.0 * np.exp(0.1 * 1.282 - 0.005), rel=0.02)


def test_blank_estimates_in_a_tasks_csv_are_unestimated_items(tmp_path: Path) -> None:
    path = tmp_path / "tasks.csv"
    path.write_text("task,estimate,kind\na,4,bug\nb,,feature\nc,,\n", encoding="utf-8")
    assert read_tasks_csv(path) == [
        Task(4.0, "", "a", "bug"),
        Task(None, "", "b", "feature"),
        Task(None, "", "c", ""),
    ]


estimates = st.lists(st.floats(0.5, 40), min_size=1, max_size=12)
seeds = st.integers(0, 2**32 - 1)


@settings(max_examples=30, deadline=None)
@given(estimates=estimates, unestimated=st.integers(0, 5), seed=seeds)
def test_one_more_unestimated_item_never_gives_an_earlier_date(
    estimates: list[float], unestimated: int, seed: int
) -> None:
    history = make_history([1.3] * 40)  # one ratio: only the shared multiplier is random

    def p85(count: int) -> date | None:
        remaining = [*(Task(e) for e in estimates), *(Task(None) for _ in range(count))]
        return forecast_project(
            remaining,
            history,
            start=MONDAY,
            capacity_hours_per_week=30,
            trials=300,
            rng=np.random.default_rng(seed),
        ).finish_p85_on

    before, after = p85(unestimated), p85(unestimated + 1)
    assert before is not None
    assert after is not None
    assert after >= before


def growing_history() -> list[HistoryRow]:
    """12 tasks of 1 h estimated and 2 h actual, one a day; tasks 6-11 were added on day 5."""
    first = date(2026, 1, 5)
    return [
        HistoryRow(
            "G",
            f"g{i:02d}",
            1.0,
            2.0,
            first + timedelta(days=i),
            created_on=first if i < 6 else first + timedelta(days=5),
        )
        for i in range(12)
    ]


def test_growth_is_the_work_added_after_a_point_per_unit_of_work_known_there() -> None:
    # c = 3: 3 done (6 h actual), 3 known open (3 h estimated), 6 added later (12 h): 12/9.
    # c = 6: day 5 is the cut, so everything is known: 0.   c = 9: 0.
    rates = growth_observations(history_from_rows(growing_history()))
    assert rates.tolist() == pytest.approx([12 / 9, 0.0, 0.0])


def test_a_history_without_created_dates_measures_no_growth_and_says_why() -> None:
    growth = measure_growth(make_history([1.0] * 30))
    assert len(growth) == 0
    assert "no created dates" in growth.reason


@settings(max_examples=30, deadline=None)
@given(estimates=estimates, more=st.floats(1.0, 5.0), seed=seeds)
def test_more_growth_never_gives_an_earlier_date(
    estimates: list[float], more: float, seed: int
) -> None:
    rates = np.array([0.0, 0.1, 0.3, 0.8])

    def grown(scale: float) -> list[date | None]:
        f = forecast_project(
            [Task(e) for e in estimates],
            make_history([0.7, 1.0, 1.3, 2.0] * 10),
            start=MONDAY,
            capacity_hours_per_week=30,
            calendar=WorkCalendar("ES"),
            trials=300,
            rng=np.random.default_rng(seed),
            growth=Growth(rates * scale),
        )
        assert f.growth is not None
        return [f.growth.finish_p50_on, f.growth.finish_p85_on, f.growth.finish_p95_on]

    for low, high in zip(grown(1.0), grown(more), strict=True):
        assert low is not None
        assert high is not None
        assert high >= low


def test_growth_is_reported_beside_the_forecast_without_it() -> None:
    history = history_from_rows(growing_history() * 1)
    f = forecast_project(
        [Task(4.0)] * 5,
        make_history([1.0] * 40),
        start=MONDAY,
        capacity_hours_per_week=20,
        trials=1_000,
        rng=np.random.default_rng(3),
        growth=measure_growth(history),
    )
    assert f.growth is not None
    assert f.growth.observations == 3
    assert f.growth.known_hours == 20.0
    assert f.growth.rate == pytest.approx(4 / 9)
    assert f.growth.effort_p95_hours >= f.effort_p95_hours
    assert f.growth.effort_p50_hours >= f.effort_p50_hours


def test_a_named_projects_own_growth_is_measured_beside_the_teams() -> None:
    steady = [
        HistoryRow("S", f"s{i:02d}", 1.0, 1.0, date(2026, 2, 1) + timedelta(days=i),
                   created_on=date(2026, 2, 1))
        for i in range(12)
    ]  # fmt: skip
    growth = measure_growth(history_from_rows([*growing_history(), *steady]), "G")
    assert growth.rates.tolist() == pytest.approx([12 / 9, 0.0, 0.0, 0.0, 0.0, 0.0])
    assert growth.project_rate == pytest.approx(4 / 9)
    assert measure_growth(history_from_rows(steady), "S").project_rate == 0.0
    assert measure_growth(history_from_rows(steady), "nobody").project_rate is None
