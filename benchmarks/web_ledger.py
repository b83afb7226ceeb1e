"""Ledger page speed: server time to render /ledger/ for an organisation with a year of promises.

Prints JSON. The database is a fresh SQLite file under a temporary PLAZO_HOME (or DATABASE_URL).
Each project has one to three promises over the last year (every third slipped once, every
seventh twice, half the slips announced by a sent notice), older projects are delivered on time or
late, and every third project has an offer. Requests go through Django's test client (middleware,
session, template), no network; the page shows the last 12 months for every client.
Usage: python benchmarks/web_ledger.py [--projects N] [--clients N] [--requests N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from _common import latency_ms, start_django, time_page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()

    start_django(web=True)
    from django.contrib.auth.models import User
    from django.db import connection
    from django.utils import timezone

    org, user, promises = _ledger(args.projects, args.clients, timezone.now())
    ordered, response, queries = time_page(user, "/ledger/", args.requests)
    rows = response.content.count(b'<a href="?client=')
    org.delete()  # leave a shared database as we found it
    User.objects.filter(pk=user.pk).delete()
    result = {
        "benchmark": "web_ledger",
        "database": connection.vendor,
        "projects": args.projects,
        "clients": args.clients,
        "commitments": promises,
        "client_rows": rows,
        "requests": args.requests,
        "queries_per_request": queries,
        **latency_ms(ordered),
        "html_bytes": len(response.content),
    }
    print(json.dumps(result))
    return 0 if rows == min(args.clients, args.projects) else 1


def _ledger(n: int, n_clients: int, now: datetime) -> tuple[Any, Any, int]:
    """An organisation with ``n`` projects and a year of their promises, written in bulk."""
    from django.contrib.auth.models import User

    from plazo.store.models import (
        Client,
        Commitment,
        Membership,
        Message,
        Offer,
        Organisation,
        Project,
    )

    stamp = time.time_ns()
    today = now.date()
    org = Organisation.objects.create(name="Bench", slug=f"bench-ledger-{stamp}")
    user = User.objects.create_user(f"bench-{stamp}", password="x")
    Membership.objects.create(organisation=org, user=user, role="owner")
    clients = Client.objects.bulk_create(
        Client(organisation=org, name=f"Client {i:04}") for i in range(n_clients)
    )
    projects = Project.objects.bulk_create(
        (
            Project(organisation=org, client=clients[i % n_clients], name=f"Project {i:05}",
                    start_on=today - timedelta(days=400))
            for i in range(n)
        ),
        batch_size=500,
    )  # fmt: skip
    commitments, notices, offers = [], [], []
    for i, project in enumerate(projects):
        made = now - timedelta(days=30 + i % 330)
        slips = 2 if i % 7 == 0 else 1 if i % 3 == 0 else 0
        for k in range(slips + 1):
            notice = None
            if k and i % 2:
                notice = Message(
                    organisation=org, project=project, kind="delay_notice", language="en",
                    idempotency_key=f"bench:{stamp}:{i}:{k}", subject="Delay", text="Sorry",
                    state="sent", created_at=made, sent_at=made,
                )  # fmt: skip
                notices.append(notice)
            current = k == slips
            promised = made.date() + timedelta(days=20 + 10 * k)
            delivered = current and promised < today
            commitments.append(
                Commitment(
                    organisation=org, project=project, promised_on=promised,
                    made_at=made + timedelta(days=15 * k), notice=notice, is_current=current,
                    outcome=("kept" if i % 4 else "broken") if delivered else "pending",
                )
            )  # fmt: skip
        if i % 3 == 0:
            offers.append(
                Offer(organisation=org, project=project, kind="discount", amount=Decimal(250),
                      currency="EUR", description="discount", state=("offered", "accepted")[i % 2],
                      offered_at=made)
            )  # fmt: skip
    Message.objects.bulk_create(notices, batch_size=500)
    Commitment.objects.bulk_create(commitments, batch_size=500)
    Offer.objects.bulk_create(offers, batch_size=500)
    return org, user, len(commitments)


if __name__ == "__main__":
    sys.exit(main())
