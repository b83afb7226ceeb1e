"""Outbox delivery speed: messages per second from one worker to a local SMTP server.

Prints JSON. The SMTP server (aiosmtpd) runs in this process on loopback; the database is a fresh
SQLite file (or DATABASE_URL). Usage: python benchmarks/delivery.py [--messages N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from email.message import EmailMessage

os.environ.setdefault("PLAZO_HOME", tempfile.mkdtemp(prefix="plazo-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plazo.conf.settings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=2000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.mail.backends.smtp import EmailBackend
    from django.core.management import call_command
    from django.utils import timezone

    from plazo.mail.outbox import deliver_due
    from plazo.store.models import Client, Message, Organisation, Project

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    from tests.app.smtp_server import RecordingHandler, smtp_server

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="Bench", slug=f"bench-{time.time_ns()}")
    client = Client.objects.create(organisation=org, name="C")
    project = Project.objects.create(
        organisation=org, client=client, name="P", start_on="2026-01-01"
    )
    now = timezone.now()
    body = "Hola:\n\n" + "Avance de la semana. " * 40
    rows = []
    for n in range(args.messages):
        mail = EmailMessage()
        mail["From"] = "hola@estudio.example"
        mail["To"] = "c@cliente.example"
        mail["Subject"] = f"Avance {n}"
        mail["Message-ID"] = f"<bench-{n}@estudio.example>"
        mail.set_content(body)
        rows.append(
            Message(
                organisation=org, project=project, kind="weekly_update", language="es",
                idempotency_key=f"bench:{org.pk}:{n}", subject=f"Avance {n}", text=body,
                mime=mail.as_bytes(), recipients=["c@cliente.example"], state="queued",
                created_at=now, queued_at=now,
            )
        )  # fmt: skip
    Message.objects.bulk_create(rows, batch_size=500)

    handler = RecordingHandler()
    with smtp_server(handler) as port:
        backend = EmailBackend(host="127.0.0.1", port=port, timeout=10)
        started = time.perf_counter()
        sent = 0
        while True:
            report = deliver_due(now=now, rng=random.Random(1), limit=500, connection=backend)
            if not report.sent:
                break
            sent += len(report.sent)
        elapsed = time.perf_counter() - started
    org.delete()  # leave a shared database as we found it
    print(
        json.dumps(
            {
                "benchmark": "delivery",
                "database": django.db.connection.vendor,
                "messages": sent,
                "received_by_server": len(handler.received),
                "seconds": round(elapsed, 3),
                "messages_per_second": round(sent / elapsed, 1),
            }
        )
    )
    return 0 if sent == args.messages == len(handler.received) else 1


if __name__ == "__main__":
    sys.exit(main())
