"""``plazo forecast`` and ``plazo backtest`` end to end, as processes."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.cli import run_plazo
from tests.sip_data import SIP_DIR, find_sip, write_sip_history

HISTORY_HEADER = "project,task,estimate,actual,completed_on\n"


def write_history(tmp_path: Path) -> Path:
    """Two projects of twelve tasks with a spread of actual/estimate ratios."""
    ratios = [0.5, 0.8, 1.0, 1.0, 1.2, 1.5, 2.0, 0.9, 1.1, 1.0, 3.0, 0.7]
    lines = [HISTORY_HEADER]
    for p, project in enumerate(("A", "B")):
        for i, ratio in enumerate(ratios):
            day = date(2026, 1, 5) + timedelta(days=i + 20 * p)
            lines.append(f"{project},{project}{i},4,{4 * ratio},{day.isoformat()}\n")
    path = tmp_path / "history.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def write_tasks(tmp_path: Path, count: int = 3) -> Path:
    path = tmp_path / "tasks.csv"
    rows = "".join(f"task {i},{4 + i % 5},ana\n" for i in range(count))
    path.write_text("task,estimate,estimator\n" + rows, encoding="utf-8")
    return path


def inputs(tmp_path: Path) -> list[str]:
    """The --tasks and --history options of a small valid forecast."""
    return ["--tasks", str(write_tasks(tmp_path)), "--history", str(write_history(tmp_path))]


def test_forecast_json_has_the_documented_shape(tmp_path: Path) -> None:
    result = run_plazo(
        "forecast",
        "--tasks", str(write_tasks(tmp_path)),
        "--history", str(write_history(tmp_path)),
        "--start", "2027-03-01", "--capacity", "20", "--deadline", "2027-03-05",
        "--country", "ES", "--seed", "7", "--json",
        home=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["effort"]) == {"p50", "p85", "p95"}
    assert data["effort"]["p50"] <= data["effort"]["p85"] <= data["effort"]["p95"]
    assert data["finish"]["p50"] <= data["finish"]["p85"] <= data["finish"]["p95"]
    assert 0 <= data["p_on_time"] <= 1
    assert date.fromisoformat(data["recommended_date"]).weekday() < 5
    assert (data["model"], data["trials"], data["history_size"]) == ("sized", 10_000, 24)


def test_the_same_seed_prints_the_same_forecast(tmp_path: Path) -> None:
    args = ("forecast", "--tasks", str(write_tasks(tmp_path)), "--history",
            str(write_history(tmp_path)), "--seed", "3", "--model", "ebs", "--json")  # fmt: skip
    first, second = run_plazo(*args, home=tmp_path), run_plazo(*args, home=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "finish" not in json.loads(first.stdout)


def test_forecast_prints_a_table_by_default(tmp_path: Path) -> None:
    result = run_plazo(
        "forecast", *inputs(tmp_path),
        "--start", "2027-03-01", "--capacity", "20", "--seed", "1",
        home=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "P85" in result.stdout
    assert "recommended date" in result.stdout


def test_a_bad_history_row_is_one_line_naming_file_line_and_column(tmp_path: Path) -> None:
    history = tmp_path / "bad.csv"
    history.write_text(HISTORY_HEADER + "A,1,8,8,2026-01-05\nA,2,0,8,2026-01-06\n", "utf-8")
    result = run_plazo(
        "forecast", "--tasks", str(write_tasks(tmp_path)), "--history", str(history),
        home=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"plazo: error: {history}, line 3, column 'estimate': must be > 0, got 0"
    )


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (("--start", "2027-03-10", "--capacity", "20", "--deadline", "2027-03-01"), "before"),
        (("--start", "2027-03-10"), "--start and --capacity go together"),
        (("--country", "XX", "--start", "2027-03-10", "--capacity", "20"), "'XX'"),
    ],
)
def test_inconsistent_options_are_one_sentence_and_exit_2(
    tmp_path: Path, extra: tuple[str, ...], words: str
) -> None:
    result = run_plazo(
        "forecast", *inputs(tmp_path),
        *extra, home=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_tiny_history_says_the_prior_was_used(tmp_path: Path) -> None:
    history = tmp_path / "tiny.csv"
    history.write_text(HISTORY_HEADER + "A,1,8,10,2026-01-05\n", "utf-8")
    result = run_plazo(
        "forecast", "--tasks", str(write_tasks(tmp_path)), "--history", str(history), "--json",
        home=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "SiP" in json.loads(result.stdout)["reason"]


def test_backtest_json_counts_the_cuts_and_scores_every_model(tmp_path: Path) -> None:
    result = run_plazo("backtest", str(write_history(tmp_path)), "--json", "--seed", "1",
                       home=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # Each project has 12 tasks, cuts at 3, 6, 9; A's first cut knows 3 tasks (< 5): 5 forecasts.
    assert data["forecasts"] == 5
    assert data["default"] == "sized"
    assert set(data["models"]) == {"estimates", "ebs", "sized"}
    for score in data["models"].values():
        assert set(score["coverage"]) == {"p50", "p85", "p95"}
        assert {"calibration_error", "pinball"} <= set(score)


def test_backtest_prints_a_table(tmp_path: Path) -> None:
    result = run_plazo("backtest", str(write_history(tmp_path)), "--seed", "1", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "calibration error" in result.stdout


@pytest.fixture(scope="module")
def sip_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if find_sip() is None:
        pytest.skip(f"the SiP data is not here ({SIP_DIR}); it is never part of the repository")
    # With created_on (the raw EstimateOn) and kind (Category) added at run time, never stored.
    return write_sip_history(tmp_path_factory.mktemp("sip") / "sip.csv")


def test_on_sip_the_default_model_is_calibrated_and_beats_both_baselines(
    sip_history: Path, tmp_path: Path
) -> None:
    result = run_plazo("backtest", str(sip_history), "--json", "--seed", "1", home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    models = data["models"]
    assert data["forecasts"] == 168
    assert models["sized"]["calibration_error"] <= 0.05
    assert models["sized"]["pinball"] < models["ebs"]["pinball"]
    assert models["sized"]["pinball"] < models["estimates"]["pinball"]


def test_naming_the_project_in_the_history_is_accepted(tmp_path: Path) -> None:
    result = run_plazo("forecast", *inputs(tmp_path), "--project", "A", "--seed", "2", "--json",
                       home=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["model"] == "sized"


def forecast_json(tmp_path: Path, tasks: str, *extra: str) -> dict[str, object]:
    path = tmp_path / "some-tasks.csv"
    path.write_text(tasks, encoding="utf-8")
    result = run_plazo(
        "forecast", "--tasks", str(path), "--history", str(write_history(tmp_path)),
        "--seed", "5", "--json", *extra, home=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_blank_estimates_are_counted_and_raise_every_percentile(tmp_path: Path) -> None:
    estimated = "task,estimate\na,4\nb,6\nc,5\n"
    with_blanks = estimated + "d,\ne,\n"
    without, blank = forecast_json(tmp_path, estimated), forecast_json(tmp_path, with_blanks)
    assert (without["unestimated"], blank["unestimated"]) == (0, 2)
    assert blank["remaining_items"] == 5
    assert blank["remaining_hours"] == without["remaining_hours"] == 15.0
    for p in ("p50", "p85", "p95"):
        assert blank["effort"][p] > without["effort"][p]  # type: ignore[index]
    assert "2 unestimated items sized from finished items" in str(blank["inputs"])


def test_the_json_reports_growth_or_says_why_it_could_not(tmp_path: Path) -> None:
    data = forecast_json(tmp_path, "task,estimate\na,4\n")
    assert data["growth"] == {
        "observations": 0,
        "reason": "the history has no created dates, so growth is not measured",
    }
    assert str(data["inputs"]).startswith("Inputs: 4.0 h of remaining estimates, 0 unestimated")


def test_throughput_counts_items_from_the_projects_weekly_completions(tmp_path: Path) -> None:
    data = forecast_json(
        tmp_path, "task,estimate\na,\nb,\nc,3\n",
        "--model", "throughput", "--project", "A", "--start", "2026-01-19",
    )  # fmt: skip
    # A finished 12 tasks from 5 to 16 January: its pace is about a task a working day.
    assert data["model"] == "throughput"
    assert (data["remaining_items"], data["unestimated"]) == (3, 2)
    assert data["effort_unit"] == "working days"
    assert data["finish"]["p50"] >= "2026-01-21"  # type: ignore[index]


def test_backtest_runs_throughput_beside_the_other_models(tmp_path: Path) -> None:
    result = run_plazo("backtest", str(write_history(tmp_path)), "--json", "--seed", "1",
                       "--model", "throughput", home=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["models"]) == {"estimates", "ebs", "sized", "throughput"}
    assert data["forecasts"] == 5


def test_as_known_then_without_created_dates_is_one_sentence(tmp_path: Path) -> None:
    result = run_plazo("backtest", str(write_history(tmp_path)), "--as-known-then",
                       home=tmp_path)  # fmt: skip
    assert result.returncode == 2
    assert "needs a created_on column" in result.stderr


def test_on_sip_as_known_then_growth_at_least_halves_the_calibration_error(
    sip_history: Path, tmp_path: Path
) -> None:
    result = run_plazo("backtest", str(sip_history), "--as-known-then", "--json", "--seed", "0",
                       "--trials", "2000", home=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    models = data["models"]
    assert data["protocol"] == "as-known-then"
    assert set(models) == {"estimates", "ebs", "sized", "sized+growth"}
    assert models["sized+growth"]["calibration_error"] <= models["sized"]["calibration_error"] / 2
