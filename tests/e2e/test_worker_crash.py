"""A worker killed with SIGKILL mid-batch loses nothing; at most its message in flight repeats."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tests.app.smtp_server import RecordingHandler, smtp_server
from tests.e2e.cli import run_plazo

COUNT = 120

QUEUE = """
from email.message import EmailMessage
from django.utils import timezone
from plazo.store.models import Message, Project
project = Project.objects.first()
now = timezone.now()
rows = []
for n in range({count}):
    mail = EmailMessage()
    mail["From"] = "hola@estudio.example"
    mail["To"] = "c@cliente.example"
    mail["Subject"] = f"crash-test {{n}}"
    mail.set_content("x")
    rows.append(Message(organisation_id=project.organisation_id, project=project,
        kind="weekly_update", language="es", idempotency_key=f"crash:{{n}}", subject=str(n),
        text="x", mime=mail.as_bytes(), recipients=["c@cliente.example"], state="queued",
        created_at=now, queued_at=now))
Message.objects.bulk_create(rows)
"""

RECOVER = """
import random
from datetime import timedelta
from django.utils import timezone
from plazo.worker.due import run_due_work
later = timezone.now() + timedelta(minutes=11)  # past the dead worker's lease
print(len(run_due_work(now=later, rng=random.Random(1)).delivery.sent))
"""


class SlowHandler(RecordingHandler):
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        time.sleep(0.02)  # slow enough to kill the worker mid-batch
        return await super().handle_DATA(server, session, envelope)


def _env(home: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLAZO_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update({"PLAZO_HOME": str(home), "EMAIL_URL": f"smtp://127.0.0.1:{port}"})
    return env


def test_sigkill_mid_batch_loses_nothing(tmp_path: Path) -> None:
    assert run_plazo("demo", home=tmp_path).returncode == 0
    queued = run_plazo("manage", "shell", "-c", QUEUE.format(count=COUNT), home=tmp_path)
    assert queued.returncode == 0, queued.stderr
    handler = SlowHandler()
    with smtp_server(handler) as port:
        worker = subprocess.Popen(
            [sys.executable, "-m", "plazo", "worker", "--once"],
            env=_env(tmp_path, port),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while len(handler.received) < COUNT // 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        delivered_before_kill = len(handler.received)
        assert 0 < delivered_before_kill < COUNT, "the kill must land mid-batch"

        recovered = run_plazo(
            "manage",
            "shell",
            "-c",
            RECOVER,
            home=tmp_path,
            env={"EMAIL_URL": f"smtp://127.0.0.1:{port}"},
        )
        assert recovered.returncode == 0, recovered.stderr

    subjects = Counter(e.content.split(b"Subject: ")[1].split(b"\n")[0] for e in handler.received)
    assert len(subjects) == COUNT  # every message delivered at least once
    duplicates = sum(n - 1 for n in subjects.values())
    assert duplicates <= 1  # only the message in flight when the worker died
