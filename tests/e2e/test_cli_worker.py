"""``plazo worker``: --once drains what is due and exits; SIGTERM stops a running worker cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.e2e.cli import run_plazo


def test_once_processes_what_is_due_and_exits(tmp_path: Path) -> None:
    assert run_plazo("demo", home=tmp_path).returncode == 0
    result = run_plazo("worker", "--once", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "sent" in result.stdout


def test_a_worker_stops_gracefully_on_sigterm(tmp_path: Path) -> None:
    assert run_plazo("demo", home=tmp_path).returncode == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLAZO_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["PLAZO_HOME"] = str(tmp_path)
    worker = subprocess.Popen(
        [sys.executable, "-m", "plazo", "worker", "--interval", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(2)
        assert worker.poll() is None, "the worker should keep running until told to stop"
        worker.send_signal(signal.SIGTERM)
        _, stderr = worker.communicate(timeout=15)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.communicate()
    assert worker.returncode == 0
    assert "shutting down gracefully" in stderr


def test_a_worker_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    result = run_plazo("worker", "--once", home=tmp_path)
    assert result.returncode == 2
    assert "run 'plazo init'" in result.stderr
