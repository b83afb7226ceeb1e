"""``plazo import`` end to end: after ``plazo demo``, in a temporary PLAZO_HOME."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.e2e.cli import run_plazo

DATA = Path(__file__).parent.parent / "data" / "import"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("home")
    demo = run_plazo("demo", home=path)
    assert demo.returncode == 0, demo.stderr
    return path


def test_clients_projects_and_items_import_and_reimport(home: Path) -> None:
    for kind, name in (
        ("clients", "clients.csv"),
        ("projects", "projects.csv"),
        ("items", "items.csv"),
    ):
        result = run_plazo("import", str(DATA / name), "--kind", kind, home=home)
        assert result.returncode == 0, result.stderr
    again = run_plazo("import", str(DATA / "items.csv"), "--kind", "items", home=home)
    assert again.returncode == 0, again.stderr
    assert "created: nothing" in again.stdout
    assert "unchanged: 4 work items" in again.stdout


def test_a_dry_run_says_what_would_change(home: Path) -> None:
    result = run_plazo(
        "import", str(DATA / "history.csv"), "--kind", "history", "--dry-run", home=home
    )
    assert result.returncode == 0, result.stderr
    assert "dry run: nothing written" in result.stdout
    assert "would create: 1 client, 2 projects, 4 work items" in result.stdout


def test_a_bad_file_lists_every_problem_and_exits_2(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("project,title,estimate_hours\nAcme website,,x\nNowhere,Task,1\n", "utf-8")
    result = run_plazo("import", str(bad), "--kind", "items", home=home)
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        f"{bad}:2:2: title: is required",
        f"{bad}:2:3: estimate_hours: must be a number such as 12.5, got 'x'",
        f"{bad}:3:1: project: no project named 'Nowhere' or with that external id; "
        "import projects first",
    ]
    assert "nothing was imported" in result.stderr


@pytest.mark.parametrize("hours", ["1e30", "1e308"])
def test_an_absurd_estimate_is_a_problem_and_exits_2(
    home: Path, tmp_path: Path, hours: str
) -> None:
    bad = tmp_path / "huge.csv"
    bad.write_text(f"project,title,estimate_hours\nAcme website,Task,{hours}\n", "utf-8")
    result = run_plazo("import", str(bad), "--kind", "items", home=home)
    assert result.returncode == 2, result.stderr
    assert result.stdout.splitlines() == [
        f"{bad}:2:3: estimate_hours: must be > 0 and ≤ 10000, got {hours}"
    ]
    assert "Traceback" not in result.stderr


def test_deeply_nested_json_is_a_problem_and_exits_2(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "deep.json"
    bad.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    result = run_plazo("import", str(bad), "--kind", "items", home=home)
    assert result.returncode == 2, result.stderr
    assert result.stdout.splitlines() == [f"{bad}:1:1: not valid JSON: it is nested too deeply"]
    assert "Traceback" not in result.stderr


def test_usage_errors_are_one_sentence(home: Path, tmp_path: Path) -> None:
    text_file = tmp_path / "items.txt"
    text_file.write_text("x", "utf-8")
    for args, words in (
        (("import", str(text_file), "--kind", "items"), ".csv or .json"),
        (("import", str(tmp_path / "missing.csv"), "--kind", "items"), "no such file"),
        (
            ("import", str(DATA / "items.csv"), "--kind", "items", "--org", "nope"),
            "no organisation",
        ),
    ):
        result = run_plazo(*args, home=home)
        assert result.returncode == 2
        assert words in result.stderr
        assert "Traceback" not in result.stderr


def test_token_create_prints_the_token_once_and_revoke_stops_it(home: Path) -> None:
    created = run_plazo("token", "create", "--name", "ci", home=home)
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token.startswith("plz_")
    listed = run_plazo("token", "list", home=home)
    assert token[:12] in listed.stdout
    assert token not in listed.stdout
    revoked = run_plazo("token", "revoke", token[:12], home=home)
    assert revoked.returncode == 0, revoked.stderr
    assert "revoked" in run_plazo("token", "list", home=home).stdout


def test_an_items_import_schedules_the_projects_re_forecast(home: Path, tmp_path: Path) -> None:
    # outsider3 S2: like a GitHub or Jira import, or a change in the dashboard.
    items = tmp_path / "items.csv"
    items.write_text("project,title,estimate_hours\nInforme anual interactivo,Anexo,6\n", "utf-8")
    with sqlite3.connect(home / "plazo.sqlite3") as database:
        database.execute("DELETE FROM django_tasks_database_dbtaskresult")
    result = run_plazo("import", str(items), "--kind", "items", home=home)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(home / "plazo.sqlite3") as database:
        [(project_id,)] = database.execute(
            "SELECT id FROM plazo_project WHERE name = 'Informe anual interactivo'"
        ).fetchall()
        waiting = database.execute(
            "SELECT args_kwargs FROM django_tasks_database_dbtaskresult "
            "WHERE status = 'READY' AND task_path LIKE '%reforecast_project_task'"
        ).fetchall()
    assert [json.loads(row[0])["kwargs"] for row in waiting] == [{"project_id": project_id}]
