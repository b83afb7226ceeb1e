"""Throughput from weekly completions, the automatic model choice, the as-known-then backtest."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from plazo.core.calendar import WorkCalendar
from plazo.core.forecast import (
    HistoryRow,
    Throughput,
    backtest,
    choose_model,
    forecast_by_throughput,
    history_from_rows,
    weekly_throughput,
)
from plazo.core.forecast.backtest import backtest_cuts
from plazo.core.forecast.throughput import simulate_working_days

MONDAY = date(2027, 1, 4)


def steady(items_per_week: int, weeks: int = 4) -> Throughput:
    return Throughput(np.full(weeks, items_per_week), np.full(weeks, 5))


def test_two_items_a_week_finish_ten_items_on_the_twenty_fifth_working_day() -> None:
    days = simulate_working_days(10, steady(2), trials=50, rng=np.random.default_rng(1))
    assert set(days.tolist()) == {25.0}


def test_the_last_item_lands_inside_its_week_not_at_its_end() -> None:
    days = simulate_working_days(3, steady(5), trials=10, rng=np.random.default_rng(1))
    assert set(days.tolist()) == {3.0}  # one item a working day


def test_a_week_with_a_public_holiday_had_fewer_days_to_work() -> None:
    # Spain, 2026: Tuesday 8 December is a holiday; each window ends on a Sunday.
    done = [date(2026, 12, 7), date(2026, 12, 9), date(2026, 12, 10), date(2026, 12, 11)]
    pace = weekly_throughput(done, until=date(2026, 12, 13), calendar=WorkCalendar("ES"), weeks=2)
    assert pace.items.tolist() == [4, 0]
    assert pace.working_days.tolist() == [4, 5]
    assert pace.items_per_working_day.tolist() == [1.0, 0.0]


def test_weeks_before_the_project_began_are_not_counted_as_idle() -> None:
    pace = weekly_throughput(
        [date(2027, 1, 5)], until=date(2027, 1, 10), since=date(2027, 1, 4), weeks=12
    )
    assert (pace.weeks, pace.items.tolist()) == (1, [1])


def test_a_throughput_forecast_is_dated_on_the_calendar() -> None:
    forecast = forecast_by_throughput(
        10,
        steady(2),
        start=MONDAY,
        capacity_hours_per_week=40,
        deadline=date(2027, 2, 5),
        trials=100,
        rng=np.random.default_rng(1),
    )
    assert forecast.model == "throughput"
    assert forecast.finish_p85_on == date(2027, 2, 5)  # the 25th working day: Friday, week 5
    assert forecast.effort_p85_hours == 200.0  # capacity used until then
    assert forecast.p_on_time == 1.0
    assert (forecast.remaining_items, forecast.items_per_week) == (10, 2.0)


def test_more_remaining_items_never_finish_earlier_by_throughput() -> None:
    pace = Throughput(np.array([0, 1, 3, 5, 2]), np.array([5, 5, 4, 5, 5]))
    for seed in range(5):
        dates = [
            forecast_by_throughput(
                n, pace, start=MONDAY, trials=500, rng=np.random.default_rng(seed)
            ).finish_p85_on
            for n in (5, 10, 20)
        ]
        assert dates == sorted(dates)  # type: ignore[type-var]


@pytest.mark.parametrize(
    ("setting", "estimated", "unestimated", "known", "mode"),
    [
        ("auto", 30, 10, True, "estimates"),
        ("auto", 10, 30, True, "throughput"),
        ("auto", 10, 30, False, "estimates"),  # nothing completed to count from
        ("auto", 20, 20, True, "estimates"),  # half is not most
        ("estimates", 0, 40, True, "estimates"),
        ("throughput", 40, 0, True, "throughput"),
    ],
)
def test_the_model_is_chosen_by_the_share_of_estimated_items(
    setting: str, estimated: int, unestimated: int, known: bool, mode: str
) -> None:
    choice = choose_model(
        setting, estimated_items=estimated, unestimated_items=unestimated, throughput_known=known
    )
    assert choice.mode == mode
    assert f"{estimated} of {estimated + unestimated} remaining items have estimates" in choice.why


def known_then_history() -> list[HistoryRow]:
    """Project K: 20 tasks, one a day from Monday 2 March; the last 10 created on 14 March."""
    first = date(2026, 3, 2)
    return [
        HistoryRow(
            "K",
            f"k{i:02d}",
            2.0,
            3.0,
            first + timedelta(days=i),
            created_on=first if i < 10 else date(2026, 3, 14),
        )
        for i in range(20)
    ]


def test_as_known_then_hides_the_tasks_created_after_each_cut_but_not_from_the_truth() -> None:
    history = history_from_rows(known_then_history())
    standard = backtest_cuts(history)
    known = backtest_cuts(history, "as-known-then")
    # Cuts at c = 5, 10, 15 (6, 11 and 16 March); the last ten tasks exist from 14 March.
    assert [c.remaining_estimates_hours.size for c in standard] == [15, 10, 5]
    assert [c.remaining_estimates_hours.size for c in known] == [5, 0, 5]
    assert [c.actual_hours for c in known] == [c.actual_hours for c in standard] == [45, 30, 15]
    assert [c.done_hours for c in known] == [15.0, 30.0, 45.0]


def test_as_known_then_needs_created_dates() -> None:
    rows = [HistoryRow("K", f"k{i}", 1.0, 1.0, date(2026, 1, 1) + timedelta(i)) for i in range(20)]
    with pytest.raises(ValueError, match="needs a created_on column"):
        backtest(history_from_rows(rows), rng=np.random.default_rng(1), protocol="as-known-then")


def test_throughput_is_scored_on_the_working_days_the_rest_really_took() -> None:
    history = history_from_rows(known_then_history())
    cuts = backtest_cuts(history)
    # From the day after the cut (Fri 6, Wed 11, Mon 16 March) to the last task (Sat 21 March).
    assert [c.finish_working_days for c in cuts] == [10.0, 7.0, 4.0]
    report = backtest(
        history, rng=np.random.default_rng(1), models=("throughput",), default="throughput"
    )
    assert report.forecasts == 3
    assert set(report.models) == {"throughput"}
