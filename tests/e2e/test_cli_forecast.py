"""``plazo forecast`` and ``plazo backtest`` end to end, as processes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.cli import run_plazo

SIP_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "sip"
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
    if not (SIP_DIR / "to_history.py").exists():
        pytest.skip(f"the SiP data is not here ({SIP_DIR}); it is never part of the repository")
    out = tmp_path_factory.mktemp("sip") / "sip.csv"
    subprocess.run(
        [sys.executable, str(SIP_DIR / "to_history.py"), str(out)], check=True, capture_output=True
    )
    return out


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
