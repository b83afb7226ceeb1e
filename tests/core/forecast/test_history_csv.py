"""Reading History and tasks CSVs: good files load, bad ones name file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from plazo.core.forecast import HistoryError, read_history_csv, read_tasks_csv

HEADER = "project,task,estimate,actual,completed_on,estimator,started_on\n"


def write(tmp_path: Path, text: str, name: str = "history.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_history_loads_every_row(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "A,1,8,12,2026-01-05,ana,2026-01-02\nA,2,4,2,2026-01-06,,\n")
    history = read_history_csv(path)
    assert len(history) == 2
    assert history.ratios.tolist() == [1.5, 0.5]
    assert history.estimator.tolist() == ["ana", ""]


def test_the_optional_columns_may_be_left_out(tmp_path: Path) -> None:
    path = write(tmp_path, "project,task,estimate,actual,completed_on\nA,1,8,0,2026-01-05\n")
    assert len(read_history_csv(path)) == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("A,1,eight,8,2026-01-05,,", "line 3, column 'estimate': 'eight' is not a number"),
        ("A,1,0,8,2026-01-05,,", "line 3, column 'estimate': must be > 0, got 0"),
        ("A,1,-2,8,2026-01-05,,", "line 3, column 'estimate': must be > 0, got -2"),
        ("A,1,8,-1,2026-01-05,,", "line 3, column 'actual': must be >= 0, got -1"),
        ("A,1,8,nan,2026-01-05,,", "line 3, column 'actual': 'nan' is not a finite number"),
        ("A,1,8,8,05/01/2026,,", "line 3, column 'completed_on': '05/01/2026' is not a date"),
        ("A,1,8,8,2026-01-05,,2026-13-01", "line 3, column 'started_on': '2026-13-01'"),
        ("A,1,8,8", "line 3: 4 fields where the header has 7"),
    ],
)
def test_a_bad_row_names_the_file_line_and_column(tmp_path: Path, row: str, message: str) -> None:
    path = write(tmp_path, HEADER + "A,0,8,8,2026-01-04,,\n" + row + "\n")
    with pytest.raises(HistoryError) as raised:
        read_history_csv(path)
    assert str(raised.value).startswith(str(path))
    assert message in str(raised.value)


def test_a_missing_column_is_named_with_the_expected_header(tmp_path: Path) -> None:
    path = write(tmp_path, "project,task,estimate,completed_on\nA,1,8,2026-01-05\n")
    with pytest.raises(HistoryError, match=r"line 1: missing column\(s\) actual \(expected"):
        read_history_csv(path)


def test_an_unknown_column_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER.strip() + ",colour\n")
    with pytest.raises(HistoryError, match="unknown column"):
        read_history_csv(path)


def test_a_missing_file_is_a_history_error(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match="cannot read"):
        read_history_csv(tmp_path / "nope.csv")


def test_tasks_csv_reads_estimates_and_estimators(tmp_path: Path) -> None:
    path = write(tmp_path, "task,estimate,estimator\nlogin,8,ana\nsearch,3.5,\n", "tasks.csv")
    assert [(t.name, t.estimate_hours, t.estimator) for t in read_tasks_csv(path)] == [
        ("login", 8.0, "ana"),
        ("search", 3.5, ""),
    ]


def test_a_task_without_a_positive_estimate_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "task,estimate\nlogin,0\n", "tasks.csv")
    with pytest.raises(HistoryError, match="line 2, column 'estimate': must be > 0"):
        read_tasks_csv(path)


def test_an_item_created_after_it_was_completed_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(
        "project,task,estimate,actual,completed_on,created_on\n"
        "A,1,2,2,2026-01-05,2026-01-01\nA,2,2,2,2026-01-05,2026-01-09\n",
        encoding="utf-8",
    )
    with pytest.raises(HistoryError, match=r"line 3, column 'created_on': 2026-01-09 is after"):
        read_history_csv(path)
