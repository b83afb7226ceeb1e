"""``plazo policy check`` and ``plazo policy explain``, run as a real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def _plazo(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # Policy commands never touch the database; a bare environment proves it.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLAZO_", "DJANGO_"))}
    env.update({"PLAZO_HOME": str(cwd / "home"), "COLUMNS": "160"})
    return subprocess.run(
        [sys.executable, "-m", "plazo", "policy", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


def test_check_lists_every_error_with_file_line_and_column(tmp_path: Path) -> None:
    policy = tmp_path / "team.toml"
    policy.write_text(
        'version = 1\nbudget = 3\n\n[caps]\nmax_share_of_value = -1\n\n[[rules]]\nname = "r"\n'
        'when.cause = "weather"\n',
        encoding="utf-8",
    )
    result = _plazo("check", "team.toml", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        "team.toml:2:1",
        "team.toml:5:1",
        "team.toml:9:1",
    ]
    assert "unknown value 'weather'" in lines[2]
    assert "3 errors" in result.stderr


def test_check_accepts_the_default_policy(tmp_path: Path) -> None:
    printed = _plazo("default", cwd=tmp_path)
    assert printed.returncode == 0
    (tmp_path / "mine.toml").write_text(printed.stdout, encoding="utf-8")
    result = _plazo("check", "mine.toml", cwd=tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, "mine.toml: ok (8 rules)")


def test_check_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = _plazo("check", "nowhere.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "plazo: error: no such file: nowhere.toml"


def test_explain_prints_the_offer_as_json(tmp_path: Path) -> None:
    result = _plazo(
        "explain", "--slip-days", "6", "--value", "10000", "--currency", "EUR", "--json",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "offers": [
            {
                "kind": "discount",
                "amount": "500.00",
                "currency": "EUR",
                "description": "5% discount on this project",
            }
        ],
        "rule": "medium-slip",
        "reason": "Rule “medium-slip” applies: the cause is ours and a slip of 6 working days "
        "(between 5 and 9). Offer: 5% discount on this project (€500.00).",
    }


def test_explain_in_spanish_for_a_client_caused_slip_offers_nothing(tmp_path: Path) -> None:
    result = _plazo(
        "explain", "--slip-days", "9", "--value", "800000", "--currency", "jpy",
        "--cause", "client", "--lang", "es", "--json",
        cwd=tmp_path,
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert (data["offers"], data["rule"]) == ([], "client-caused")
    assert "Aun así, el aviso pide disculpas por las molestias." in data["reason"]


def test_explain_rounds_yen_to_whole_units_with_a_policy_file(tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(
        '[[rules]]\nname = "all"\noffers = [{ kind = "credit", percent = 2.5 }]\n', encoding="utf-8"
    )
    result = _plazo(
        "explain", "--slip-days", "1", "--value", "12345", "--currency", "JPY",
        "--policy", "p.toml", "--json",
        cwd=tmp_path,
    )  # fmt: skip
    assert json.loads(result.stdout)["offers"][0]["amount"] == "309"


def test_explain_shows_a_table_and_the_reason(tmp_path: Path) -> None:
    result = _plazo(
        "explain", "--slip-days", "12", "--value", "20000", "--currency", "EUR",
        "--repeat", "1", "--planned-days", "40", "--tier", "gold", "--lead-days", "3",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "long-slip" in result.stdout
    assert "€2,400.00" in result.stdout
    assert "extra work of your choice" in result.stdout
    assert "already slipped once" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--value", "lots", "--currency", "EUR"], "--value must be a number"),
        (["--value", "100", "--currency", "EURO"], "--currency must be an ISO 4217 code"),
        (["--value", "-5", "--currency", "EUR"], "--value must be at least 0"),
        (["--value", "5", "--currency", "EUR", "--policy", "none.toml"], "no such file"),
    ],
)
def test_explain_rejects_bad_input_with_a_clear_message(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = _plazo("explain", "--slip-days", "3", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr


def test_explain_with_an_invalid_policy_points_at_check(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("[[rules]]\nname = 3\n", encoding="utf-8")
    result = _plazo(
        "explain", "--slip-days", "3", "--value", "5", "--currency", "EUR", "--policy", "bad.toml",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert "plazo policy check bad.toml" in result.stderr
    assert "bad.toml:2:1: rules[0].name: expected a non-empty string" in result.stderr


def test_default_prints_the_spanish_commented_policy_the_web_page_uses(tmp_path: Path) -> None:
    from plazo.core.policy import default_policy_text

    spanish = _plazo("default", "--language", "es", cwd=tmp_path)
    assert spanish.returncode == 0, spanish.stderr
    assert spanish.stdout == default_policy_text("es")
    assert "# Política de compensación por defecto de plazo." in spanish.stdout
    english = _plazo("default", "--language", "en", cwd=tmp_path)
    assert english.stdout == default_policy_text("en")


def test_default_on_a_fresh_home_is_english_and_creates_nothing(tmp_path: Path) -> None:
    from plazo.core.policy import default_policy_text

    result = _plazo("default", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == default_policy_text("en")
    assert not (tmp_path / "home" / "plazo.sqlite3").exists()


def test_default_follows_the_studios_clients_language(tmp_path: Path) -> None:
    from plazo.core.policy import default_policy_text
    from tests.e2e.cli import run_plazo

    secret = tmp_path / "password.txt"
    secret.write_text("una-clave-larga\n", encoding="utf-8")
    home = tmp_path / "home"
    made = run_plazo(
        "init", "--organisation", "Estudio Norte", "--email", "ana@example.com",
        "--password-file", str(secret), "--language", "es", "--country", "MX", home=home,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert _plazo("default", cwd=tmp_path).stdout == default_policy_text("es")
    assert _plazo("default", "--language", "en", cwd=tmp_path).stdout == default_policy_text("en")
