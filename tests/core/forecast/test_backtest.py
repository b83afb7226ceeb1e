"""The backtest protocol of DESIGN §5 on a hand-made history whose scores are computed by hand."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from plazo.core.forecast import History, HistoryRow, backtest, history_from_rows
from plazo.core.forecast.backtest import backtest_cuts


def _project(name: str, first_day: date, count: int, actual_hours: float) -> list[HistoryRow]:
    return [
        HistoryRow(name, f"{name}{i:02d}", 1.0, actual_hours, first_day + timedelta(days=i))
        for i in range(count)
    ]


def hand_made_history() -> History:
    """A runs over (actual 2 per 1 estimated), C under (0.5), D on the dot, B is too small.

    Cuts at c = 2, 5, 7 of 10 tasks. D is first in time, so its c = 2 cut has only 2 known tasks
    (< 5) and is skipped: 3 + 3 + 2 = 8 forecasts.
    """
    return history_from_rows(
        [
            *_project("A", date(2026, 1, 1), 10, 2.0),
            *_project("B", date(2025, 12, 1), 4, 1.0),
            *_project("C", date(2026, 2, 1), 10, 0.5),
            *_project("D", date(2025, 1, 1), 10, 1.0),
        ]
    )


def test_the_protocol_makes_eight_cuts_with_the_history_known_at_each() -> None:
    cuts = backtest_cuts(hand_made_history())
    assert [(c.project, c.fraction) for c in cuts] == [
        ("A", 0.25),
        ("A", 0.5),
        ("A", 0.75),
        ("C", 0.25),
        ("C", 0.5),
        ("C", 0.75),
        ("D", 0.5),
        ("D", 0.75),
    ]
    # done tasks + B (4) and D (10) before A's cuts; + A too before C's; nothing before D's
    assert [len(c.history) for c in cuts] == [16, 19, 21, 26, 29, 31, 5, 7]
    assert [c.remaining_estimates_hours.size for c in cuts] == [8, 5, 3, 8, 5, 3, 5, 3]
    assert [c.actual_hours for c in cuts] == [16, 10, 6, 4, 2.5, 1.5, 5, 3]


def test_another_projects_task_finished_on_the_cut_date_is_not_known_yet() -> None:
    rows = [
        *_project("A", date(2026, 1, 1), 10, 1.0),
        HistoryRow("Z", "z", 1.0, 1.0, date(2026, 1, 5)),  # A's 50 % cut date
    ]
    cuts = backtest_cuts(history_from_rows(rows))
    # c = 2 knows 2 tasks (< 5): skipped; c = 5 does not know z yet; c = 7 (7 January) does.
    assert [len(c.history) for c in cuts] == [5, 8]


def test_the_estimates_baseline_scores_match_the_hand_computation() -> None:
    report = backtest(hand_made_history(), rng=np.random.default_rng(1), trials=200)
    assert report.forecasts == 8
    estimates = report.models["estimates"]
    # A is never covered (y = 2q), C and D always are (y = q/2, y = q): 5 of 8.
    assert estimates.coverage == {0.5: 0.625, 0.85: 0.625, 0.95: 0.625}
    assert estimates.calibration_error == pytest.approx(0.325)
    # A loses p·q/y = p/2, C loses (1 - p), D nothing: (3·1.15 + 3·0.7) / 24
    assert estimates.pinball == pytest.approx(5.55 / 24)


def test_every_model_is_scored_on_the_same_cuts() -> None:
    report = backtest(hand_made_history(), rng=np.random.default_rng(1), trials=500)
    assert set(report.models) == {"estimates", "ebs", "sized"}
    assert report.default == "sized"
    for score in report.models.values():
        assert 0 <= score.calibration_error <= 1
        assert score.pinball >= 0


def test_a_history_without_a_project_of_ten_tasks_makes_no_forecast() -> None:
    report = backtest(
        history_from_rows(_project("A", date(2026, 1, 1), 9, 1.0)), rng=np.random.default_rng(1)
    )
    assert report.forecasts == 0
    assert np.isnan(report.models["ebs"].calibration_error)
