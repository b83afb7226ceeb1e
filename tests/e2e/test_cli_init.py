"""``plazo init`` on an empty home, and every other command before it: one sentence, exit 2."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.e2e.cli import run_plazo
from tests.fresh_home_commands import commands_needing_a_studio, write_inputs

COMMANDS = sorted(commands_needing_a_studio(Path(".")))


def _init(home: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    secret = home / "password.txt"
    secret.write_text("una-clave-larga\n", encoding="utf-8")
    return run_plazo(
        "init", "--organisation", "Estudio Norte", "--email", "ana@example.com",
        "--password-file", str(secret), *extra, home=home,
    )  # fmt: skip


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_on_an_unmigrated_home_says_to_run_init(name: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    write_inputs(tmp_path)
    result = run_plazo(*commands_needing_a_studio(tmp_path)[name], home=home)
    assert result.returncode == 2, result.stderr
    assert "run 'plazo init'" in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr + result.stdout


TASKS = "task,estimate\nA,6\nB,10\n"
HISTORY = "project,task,estimate,actual,completed_on\n" + "".join(
    f"p,t{n},{4 + n % 5},{5 + n % 7},2026-10-{n + 1:02d}\n" for n in range(12)
)


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        (["check", "-"], "Lo sentimos: llegará pronto."),
        (["policy", "default"], None),
        (["manage", "check"], None),
        (["forecast", "--tasks", "{tasks}", "--history", "{history}", "--trials", "500"], None),
        (["backtest", "{history}"], None),
    ],
)
def test_commands_that_need_no_studio_still_work_on_a_fresh_home(
    argv: list[str], stdin: str | None, tmp_path: Path
) -> None:
    (tmp_path / "tasks.csv").write_text(TASKS, encoding="utf-8")
    (tmp_path / "history.csv").write_text(HISTORY, encoding="utf-8")
    files = {"tasks": str(tmp_path / "tasks.csv"), "history": str(tmp_path / "history.csv")}
    argv = [arg.format(**files) for arg in argv]
    result = run_plazo(*argv, home=tmp_path / "home", stdin=stdin)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr


def test_init_creates_the_studio_and_prints_the_next_steps(tmp_path: Path) -> None:
    result = _init(tmp_path, "--name", "Ana Pérez", "--language", "en", "--country", "PT")
    assert result.returncode == 0, result.stderr
    assert "Next steps" in result.stdout
    assert "ana@example.com" in result.stdout
    ledger = run_plazo("ledger", home=tmp_path)
    assert ledger.returncode == 0, ledger.stderr
    assert "Estudio Norte" in ledger.stdout


def test_init_twice_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    assert _init(tmp_path).returncode == 0
    again = _init(tmp_path)
    assert again.returncode == 2
    assert "already has an organisation" in again.stderr


def test_init_without_its_options_and_no_terminal_names_what_is_missing(tmp_path: Path) -> None:
    result = run_plazo("init", "--organisation", "X", home=tmp_path, stdin="")
    assert result.returncode == 2
    assert "--email, --password-file" in result.stderr
    assert "Traceback" not in result.stderr


def test_init_refuses_a_short_password_and_creates_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("corta\n", encoding="utf-8")
    result = run_plazo(
        "init", "--organisation", "X", "--email", "a@b.es", "--password-file", str(secret),
        home=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert "password" in result.stderr
    assert "nothing was created" in result.stderr
    assert "run 'plazo init'" in run_plazo("ledger", home=tmp_path).stderr
