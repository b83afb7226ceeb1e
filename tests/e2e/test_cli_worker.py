"""``plazo worker``: --once drains what is due and exits; SIGTERM stops a running worker cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.e2e.cli import run_plazo

# Generous: under load (a busy CI machine) starting Python and Django takes many seconds.
STARTUP_DEADLINE = 120


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
    lines: list[str] = []
    started = threading.Event()

    def read_stderr() -> None:
        assert worker.stderr is not None
        for line in worker.stderr:
            lines.append(line)
            if "Starting worker" in line:  # logged once its signal handlers are installed
                started.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    try:
        # However slowly the machine starts Python and Django: wait for the worker to say so.
        assert started.wait(timeout=STARTUP_DEADLINE), (
            f"the worker did not start within {STARTUP_DEADLINE} s: {''.join(lines)}"
        )
        time.sleep(1)  # a few polls (every 0.2 s) while nothing is due
        assert worker.poll() is None, "the worker should keep running until told to stop"
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=STARTUP_DEADLINE)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        reader.join(timeout=10)  # it ends with the worker's stderr
        if worker.stderr is not None:
            worker.stderr.close()
    stderr = "".join(lines)
    assert worker.returncode == 0, stderr
    assert "shutting down gracefully" in stderr


def test_a_worker_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    result = run_plazo("worker", "--once", home=tmp_path)
    assert result.returncode == 2
    assert "run 'plazo init'" in result.stderr
