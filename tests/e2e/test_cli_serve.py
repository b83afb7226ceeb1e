"""``plazo serve`` answers over real HTTP on loopback, admin and static files included."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.cli import run_plazo


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    assert run_plazo("demo", home=tmp_path).returncode == 0
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLAZO_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["PLAZO_HOME"] = str(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "plazo", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _get(base + "/admin/login/")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_shows_the_admin_login_with_its_styles(served: str) -> None:
    status, body = _get(served + "/admin/login/")
    assert status == 200
    assert b"csrfmiddlewaretoken" in body
    css_status, css = _get(served + "/static/admin/css/base.css")
    assert css_status == 200
    assert b"body" in css


def test_serve_refuses_a_port_it_cannot_listen_on(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_plazo("serve", "--port", str(taken.getsockname()[1]), home=tmp_path)
    assert result.returncode == 2
    assert "cannot listen" in result.stderr
