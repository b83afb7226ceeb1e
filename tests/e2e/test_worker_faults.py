"""Faults at team scale, test-sized: four workers on PostgreSQL, one killed by SIGKILL every few
seconds, the SMTP server down for a while; nothing is lost and no project gets two updates.

The benchmark (benchmarks/worker_faults.py) runs the same week with 2,000 projects; here 40, and
the leases of killed workers are waited out by one pass with the clock 11 minutes ahead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "worker_faults.py"
PROJECTS = 40


def _postgres_ready() -> bool:
    return bool(shutil.which("createdb")) and (
        subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0
    )


@pytest.mark.timeout(400)
@pytest.mark.skipif(not _postgres_ready(), reason="no PostgreSQL server on 127.0.0.1")
def test_killed_workers_and_an_smtp_outage_lose_nothing_and_send_no_second_update(
    tmp_path: Path,
) -> None:
    name = f"plazo_faults_{uuid.uuid4().hex[:8]}"
    pg = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["createdb", *pg, name], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLAZO_", "DJANGO_"))}
    env.update(
        {"DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}", "PLAZO_HOME": str(tmp_path)}
    )
    try:
        result = subprocess.run(
            [sys.executable, str(BENCHMARK), "--projects", str(PROJECTS), "--workers", "4",
             "--kill-every", "3", "--outage", "8", "--max-wait", "300", "--recover-with-clock"],
            env=env, capture_output=True, text=True, timeout=380,
        )  # fmt: skip
    finally:
        subprocess.run(["dropdb", *pg, "--if-exists", "--force", name], check=False)
    assert result.returncode == 0, result.stderr[-2000:] + result.stdout[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["kills"] >= 3
    assert report["smtp_outage_seconds"] >= 8
    assert report["weekly_updates_written"] == PROJECTS
    assert report["lost_messages"] == 0
    assert report["unfinished_messages"] == 0
    assert report["second_weekly_updates_for_a_project"] == 0
    # A worker sends one message at a time: each kill can leave at most one to send again.
    assert report["resent_messages"] <= report["kills"]
