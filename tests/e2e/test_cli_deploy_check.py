"""``plazo manage check --deploy`` is clean for plazo served over https behind its proxy."""

from __future__ import annotations

import secrets
from pathlib import Path

from tests.e2e.cli import run_plazo

HTTPS = {"PLAZO_BASE_URL": "https://plazo.example.com"}


def test_check_deploy_has_no_warning_behind_an_https_proxy(tmp_path: Path) -> None:
    env = {**HTTPS, "PLAZO_BEHIND_PROXY": "1", "SECRET_KEY": secrets.token_urlsafe(50)}
    result = run_plazo(
        "manage", "check", "--deploy", "--fail-level", "WARNING", home=tmp_path, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_generated_secret_key_passes_the_deploy_check_too(tmp_path: Path) -> None:
    env = {**HTTPS, "PLAZO_BEHIND_PROXY": "1"}
    result = run_plazo(
        "manage", "check", "--deploy", "--fail-level", "WARNING", home=tmp_path, env=env
    )
    assert result.returncode == 0, result.stderr


def test_https_without_the_proxy_flag_is_warned_that_http_is_not_redirected(
    tmp_path: Path,
) -> None:
    result = run_plazo("manage", "check", "--deploy", home=tmp_path, env=HTTPS)
    assert "security.W008" in result.stderr
    assert "identified 1 issue" in result.stderr
