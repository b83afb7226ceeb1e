"""Faults at team scale: a check-in week with workers killed by SIGKILL and the SMTP server down.

Prints JSON. Builds N projects whose weekly check-ins are all due now (10 open and 20 finished
tasks each, as benchmarks/checkins.py), starts W real `plazo worker` processes that deliver to an
aiosmtpd server on loopback, and then, until every weekly update is written and the outage is
over:
1. every --kill-every seconds SIGKILLs a random worker and starts a new one in its place;
2. once a third of the updates have been delivered, stops the SMTP server for --outage seconds
   (connections are refused) and starts it again on the same port.
Then it stops killing and waits until every message of the organisation is sent: messages and
check-ins held by a killed worker wait out their 10-minute lease, refused messages their backoff.

It reports lost messages (written but never received, or failed: must be 0), second weekly
updates for one project (must be 0: the idempotency key), re-sends of one message (at most one
per kill, the message a killed worker had in flight), and the time to drain.
Usage: DATABASE_URL=postgres://… python benchmarks/worker_faults.py [--projects N] [--workers W]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from email.parser import BytesParser
from email.policy import default
from typing import Any

from _common import start_django, weekly_portfolio

UNFINISHED = ("draft", "queued", "retry", "sending")

RECOVER = """
import random
from datetime import timedelta
from django.utils import timezone
from plazo.worker.due import run_due_work
later = timezone.now() + timedelta(minutes=11)  # past every lease of a killed worker
run_due_work(now=later, rng=random.Random(1))
"""


def _header(content: bytes, name: str) -> str:
    headers = BytesParser(policy=default).parsebytes(content, headersonly=True)
    return " ".join(str(headers.get(name, "")).split())


def run_faults(
    *,
    projects: int,
    workers: int,
    kill_every: float,
    outage_seconds: float,
    max_wait: float,
    recover_with_clock: bool = False,
    stall_seconds: float = 20.0,
    seed: int = 7,
) -> dict[str, Any]:
    """Run the faulty week; with ``recover_with_clock`` the leases are waited out by one pass
    with the clock 11 minutes ahead (as tests/e2e/test_worker_crash.py does), not in real time."""
    import django
    from aiosmtpd.controller import Controller
    from django_tasks_db.models import DBTaskResult
    from tests.app.smtp_server import RecordingHandler, unused_port

    from plazo.store.models import Message

    django.db.connections.close_all()
    org = weekly_portfolio(projects, name="Faults")
    mine = Message.objects.filter(organisation=org)
    updates = mine.filter(kind="weekly_update")
    DBTaskResult.objects.exclude(status__in=["SUCCEEDED", "FAILED"]).delete()

    handler = RecordingHandler()
    port = unused_port()
    smtp = Controller(handler, hostname="127.0.0.1", port=port)
    smtp.start()
    env = {**os.environ, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port), "SMTP_SECURITY": "none"}
    rng = random.Random(seed)

    def start_worker() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "plazo", "worker", "--interval", "0.2"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    from plazo.worker.tasks import tick

    tick.enqueue()
    django.db.connections.close_all()
    started = time.perf_counter()
    pool = [start_worker() for _ in range(workers)]
    kills = 0
    sending_at_kills = 0
    last_kill = started
    outage: dict[str, float] = {}
    written_at: float | None = None
    last_written, progressed_at = -1, started
    try:
        while True:
            time.sleep(0.25)
            now = time.perf_counter()
            written = updates.count()
            if written_at is None and written == projects:
                written_at = now
            if "start" not in outage and updates.filter(state="sent").count() >= projects / 3:
                smtp.stop()
                outage["start"] = now
            if (
                "start" in outage
                and "end" not in outage
                and now - outage["start"] >= outage_seconds
            ):
                smtp = Controller(handler, hostname="127.0.0.1", port=port)
                smtp.start()
                outage["end"] = now
            if written != last_written:
                last_written, progressed_at = written, now
            if "end" in outage and (written_at is not None or now - progressed_at > stall_seconds):
                break  # the outage is over and the week is written, or waits on leases
            if now - started > max_wait:
                break
            if now - last_kill >= kill_every:
                sending_at_kills += mine.filter(state="sending").count()
                victim = rng.randrange(len(pool))
                pool[victim].send_signal(signal.SIGKILL)
                pool[victim].wait()
                pool[victim] = start_worker()
                kills += 1
                last_kill = now
        faults_over = time.perf_counter()
        if recover_with_clock:
            for worker in pool:
                worker.terminate()
            for worker in pool:
                worker.wait()
            pool = []
            django.db.connections.close_all()
            subprocess.run(
                [sys.executable, "-m", "plazo", "manage", "shell", "-c", RECOVER],
                env=env, check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        while mine.filter(state__in=UNFINISHED).exists() or updates.count() < projects:
            if time.perf_counter() - started > max_wait:
                break
            time.sleep(0.5)
        drained = time.perf_counter()
    finally:
        for worker in pool:
            worker.terminate()
        for worker in pool:
            worker.wait()
        smtp.stop()
        DBTaskResult.objects.exclude(status__in=["SUCCEEDED", "FAILED"]).delete()

    received = Counter(_header(e.content, "Message-ID") for e in handler.received)
    kinds = {_header(e.content, "Message-ID"): _header(e.content, "X-Plazo-Kind")
             for e in handler.received}  # fmt: skip
    rows = list(mine.values_list("message_id", "kind", "state", "idempotency_key"))
    lost = [key for mid, _, state, key in rows if state == "failed" or received[mid] == 0]
    resends = {mid: n - 1 for mid, n in received.items() if n > 1}
    weekly_keys = Counter(
        key.rsplit(":", 1)[0] for _, kind, _, key in rows if kind == "weekly_update"
    )
    by_kind = Counter(kind for _, kind, _, _ in rows)
    report = {
        "benchmark": "worker_faults",
        "database": django.db.connection.vendor,
        "projects": projects,
        "workers": workers,
        "kills": kills,
        "smtp_outage_seconds": round(outage.get("end", 0) - outage.get("start", 0), 1),
        "leases": "clock moved 11 min ahead" if recover_with_clock else "waited in real time",
        "weekly_updates_written": by_kind["weekly_update"],
        "messages_written": len(rows),
        "messages_by_kind": dict(by_kind),
        "lost_messages": len(lost),
        "lost_examples": lost[:5],
        "unfinished_messages": sum(1 for _, _, state, _ in rows if state in UNFINISHED),
        "second_weekly_updates_for_a_project": sum(n - 1 for n in weekly_keys.values() if n > 1),
        "resent_messages": sum(resends.values()),
        "resent_weekly_updates": sum(
            n for mid, n in resends.items() if kinds[mid] == "weekly_update"
        ),
        "messages_in_sending_at_the_kills_all_workers": sending_at_kills,
        "seconds_until_week_written": round((written_at or faults_over) - started, 1),
        "seconds_of_faults": round(faults_over - started, 1),
        "seconds_to_drain_after_faults": round(drained - faults_over, 1),
        "seconds_total": round(drained - started, 1),
    }
    org.delete()
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--kill-every", type=float, default=4.0, help="seconds between kills")
    parser.add_argument("--outage", type=float, default=30.0, help="seconds without SMTP")
    parser.add_argument("--max-wait", type=float, default=1800.0, help="give up after (s)")
    parser.add_argument(
        "--recover-with-clock", action="store_true",
        help="wait out the leases with one pass 11 minutes ahead instead of in real time",
    )  # fmt: skip
    args = parser.parse_args()

    start_django()
    report = run_faults(
        projects=args.projects, workers=args.workers, kill_every=args.kill_every,
        outage_seconds=args.outage, max_wait=args.max_wait,
        recover_with_clock=args.recover_with_clock,
    )  # fmt: skip
    print(json.dumps(report))
    return 0 if report["lost_messages"] == 0 and report["unfinished_messages"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
