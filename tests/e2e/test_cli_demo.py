"""``plazo demo`` and the command's basics, end to end in a temporary PLAZO_HOME."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest

from plazo import __version__
from tests.e2e.cli import run_plazo


def test_demo_loads_the_portfolio_and_shows_the_project_at_risk(tmp_path: Path) -> None:
    first = run_plazo("demo", home=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Portal del inversor" in first.stdout
    assert "Grupo Alameda" in first.stdout
    assert str(tmp_path) in first.stdout
    assert (tmp_path / "plazo.sqlite3").exists()
    assert "Delay case opened" in first.stdout
    last_lines = " ".join(first.stdout.split()[-60:])
    assert "draft waiting for your review at http://127.0.0.1:8000/cases/" in last_lines
    mails = [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted((tmp_path / "outbox").glob("*.eml"))
    ]
    assert len(mails) == 6  # the owner's alert and five weekly updates; the notice is a draft
    assert not [m for m in mails if "nueva fecha" in str(m["Subject"])]
    alerts = [m for m in mails if "/cases/" in m.get_body(("plain",)).get_content()]  # type: ignore[union-attr]
    assert len(alerts) == 1

    second = run_plazo("demo", home=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "nothing changed" in second.stdout


def test_version_and_help(tmp_path: Path) -> None:
    assert run_plazo("--version", home=tmp_path).stdout.strip() == f"plazo {__version__}"
    helped = run_plazo("--help", home=tmp_path)
    assert helped.returncode == 0
    for command in ("demo", "serve", "manage"):
        assert command in helped.stdout
        assert run_plazo(command, "--help", home=tmp_path).returncode == 0


def test_manage_passes_through_to_django(tmp_path: Path) -> None:
    checked = run_plazo("manage", "check", home=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "no issues" in checked.stdout


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"DATABASE_URL": "mysql://nope"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://postgres@127.0.0.1:1/test"}, "cannot reach"),
        ({"SECRET_KEY": "changeme"}, "SECRET_KEY"),
        ({"TIME_ZONE": "Nowhere/Land"}, "TIME_ZONE"),
    ],
)
def test_bad_settings_are_one_sentence_and_exit_2(
    tmp_path: Path, env: dict[str, str], words: str
) -> None:
    result = run_plazo("demo", home=tmp_path, env=env)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unwritable_home_is_one_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_plazo("demo", home=blocker / "home")
    assert result.returncode == 2
    assert "PLAZO_HOME" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = run_plazo("--debug", "demo", home=tmp_path, env={"DATABASE_URL": "mysql://nope"})
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_forecast_all_stores_nothing_new_when_inputs_are_unchanged(tmp_path: Path) -> None:
    import json

    assert run_plazo("demo", home=tmp_path).returncode == 0
    result = run_plazo("forecast", "--all", "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 6
    assert not any(row["stored"] for row in rows)  # the demo forecast them a moment ago
    portal = next(row for row in rows if row["project"] == "Portal del inversor")
    assert portal["finish"]["p50"] <= portal["finish"]["p85"] <= portal["finish"]["p95"]
