"""Weekly check-ins end to end: forecast + compose (with chart) + queue + send, per project.

Prints JSON. Builds an organisation of N projects (10 open and 20 finished tasks each) whose
check-ins are all due now, in a fresh database (SQLite in a temporary PLAZO_HOME, or DATABASE_URL),
enqueues the worker's tick and starts --workers real `plazo worker` processes that deliver to an
aiosmtpd server on loopback. The tick hands the week out in batches; the clock stops when every
update is written and every message sent. Waiting tasks left in the database by earlier runs are
deleted first, so only this run's work is timed.
Usage: python benchmarks/checkins.py [--projects N] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

from _common import start_django, weekly_portfolio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    import django

    start_django()
    from django_tasks_db.models import DBTaskResult
    from tests.app.smtp_server import RecordingHandler, smtp_server

    from plazo.store.models import Message
    from plazo.worker.tasks import tick

    setup_started = time.perf_counter()
    org = weekly_portfolio(args.projects, name="Bench")
    setup_seconds = time.perf_counter() - setup_started

    handler = RecordingHandler()
    mine = Message.objects.filter(organisation=org)
    with smtp_server(handler) as port:
        DBTaskResult.objects.filter(status="READY").delete()
        tick.enqueue()  # due now: the first thing a worker takes
        django.db.connections.close_all()
        env = {**os.environ, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port)}
        env["SMTP_SECURITY"] = "none"
        started = time.perf_counter()
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "plazo", "worker", "--interval", "0.2"],
                env=env,
                stdout=subprocess.DEVNULL,
            )
            for _ in range(args.workers)
        ]
        written_at = None
        while True:
            time.sleep(0.5)
            if written_at is None and (mine.filter(kind="weekly_update").count() == args.projects):
                written_at = time.perf_counter()
            if written_at and not mine.exclude(state="sent").exists():
                break
            if any(w.poll() is not None for w in workers):
                break  # a worker died: report what was done
        finished = time.perf_counter()
        for worker in workers:
            worker.terminate()
        failed = [w for w in workers if w.wait() not in (0, -15)]
        DBTaskResult.objects.filter(status="READY").delete()  # the next tick
    queued = Message.objects.filter(organisation=org, kind="weekly_update").count()
    sent = Message.objects.filter(organisation=org, state="sent").count()
    org.delete()
    per_project = (finished - started) / max(queued, 1)
    print(
        json.dumps(
            {
                "benchmark": "weekly_checkins",
                "database": django.db.connection.vendor,
                "projects": args.projects,
                "workers": args.workers,
                "updates_queued": queued,
                "messages_sent": sent,
                "received_by_server": len(handler.received),
                "setup_seconds": round(setup_seconds, 1),
                "seconds_to_write_updates": round((written_at or finished) - started, 2),
                "seconds": round(finished - started, 2),
                "projects_per_second": round(queued / (finished - started), 1),
                "minutes_for_10000_projects": round(per_project * 10_000 / 60, 1),
            }
        )
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
