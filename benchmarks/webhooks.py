"""Webhook delivery speed: signed posts per second from one worker to a local HTTP receiver.

Prints JSON. The receiver (``http.server`` in a thread, verifying every signature) runs in this
process on loopback; the database is a fresh SQLite file (or DATABASE_URL).
Usage: python benchmarks/webhooks.py [--deliveries N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import uuid

os.environ.setdefault("PLAZO_HOME", tempfile.mkdtemp(prefix="plazo-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plazo.conf.settings")
os.environ.setdefault("PLAZO_WEBHOOK_ALLOW_PRIVATE", "1")  # the receiver listens on loopback


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deliveries", type=int, default=2000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from plazo.store.models import Organisation, WebhookDelivery
    from plazo.store.services.webhooks.endpoints import add_endpoint
    from plazo.store.services.webhooks.events import envelope
    from plazo.webhooks.delivery import drain_due_webhooks

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    from tests.app.webhook_receiver import WebhookReceiver, webhook_receiver

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="Bench", slug=f"bench-{time.time_ns()}")
    now = timezone.now()
    receiver = WebhookReceiver()
    with webhook_receiver(receiver) as url:
        endpoint = add_endpoint(org, url, now=now)
        receiver.secret = endpoint.secret
        data = {"project": {"id": 1, "name": "Portal del inversor", "promised_on": "2027-01-15"}}
        rows = []
        for _ in range(args.deliveries):
            event_id = uuid.uuid4()
            payload = envelope(event_id, "update.sent", org.slug, data, now=now)
            rows.append(
                WebhookDelivery(
                    organisation=org, endpoint=endpoint, event="update.sent",
                    event_id=event_id, payload=payload, created_at=now,
                )
            )  # fmt: skip
        WebhookDelivery.objects.bulk_create(rows, batch_size=500)
        started = time.perf_counter()
        report = drain_due_webhooks(now=now, rng=random.Random(1))
        elapsed = time.perf_counter() - started
    org.delete()  # leave a shared database as we found it
    valid = sum(r.signature_valid for r in receiver.received)
    print(
        json.dumps(
            {
                "benchmark": "webhooks",
                "database": django.db.connection.vendor,
                "deliveries": len(report.sent),
                "received_with_valid_signature": valid,
                "seconds": round(elapsed, 3),
                "deliveries_per_second": round(len(report.sent) / elapsed, 1),
            }
        )
    )
    return 0 if len(report.sent) == args.deliveries == valid else 1


if __name__ == "__main__":
    sys.exit(main())
