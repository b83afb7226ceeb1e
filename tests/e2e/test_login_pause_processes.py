"""Log-in pauses are shared by every process: wrong API tokens sent to two `plazo serve`
processes add up to one pause, which a third process (`plazo unlock`) lifts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.e2e.cli import run_plazo

LIMIT = {"PLAZO_LOGIN_FAILURE_LIMIT": "4"}


def _status(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@contextmanager
def _serve(home: Path) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLAZO_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update({"PLAZO_HOME": str(home), **LIMIT})
    server = subprocess.Popen(
        [sys.executable, "-m", "plazo", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/login/", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_two_server_processes_count_one_pause_and_a_third_lifts_it(tmp_path: Path) -> None:
    assert run_plazo("demo", home=tmp_path).returncode == 0
    good = run_plazo("token", "create", home=tmp_path).stdout.strip()
    with ExitStack() as stack:
        first = stack.enter_context(_serve(tmp_path)) + "/api/clients"
        second = stack.enter_context(_serve(tmp_path)) + "/api/clients"
        assert [_status(first, "plz_guess1"), _status(second, "plz_guess2")] == [401, 401]
        assert _status(first, "plz_guess3") == 401
        assert _status(second, "plz_guess4") == 429  # the fourth wrong token, whichever process
        assert _status(first, good) == 429
        listed = run_plazo("unlock", "--list", home=tmp_path, env=LIMIT)
        assert "ip:127.0.0.1" in listed.stdout
        assert run_plazo("unlock", "--address", "127.0.0.1", home=tmp_path).returncode == 0
        assert _status(second, good) == 200
