"""Portfolio page speed: server time to render the dashboard for an organisation of 2,000 projects.

Prints JSON. The database is a fresh SQLite file under a temporary PLAZO_HOME (or DATABASE_URL);
each project has a promise, three forecast runs, two sent updates, and every fifth an open delay
case. Requests go through Django's test client (middleware, session, template), no network. Every
request loads, classifies and sorts all projects; the page renders the first PAGE_SIZE rows.
Usage: python benchmarks/web.py [--projects N] [--requests N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import timedelta

from _common import latency_ms, start_django, time_page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    start_django(web=True)
    from django.contrib.auth.models import User
    from django.db import connection
    from django.utils import timezone

    from plazo.web.views.portfolio import PAGE_SIZE

    org, user = _portfolio(args.projects, timezone.now())
    ordered, response, queries = time_page(user, "/", args.requests)
    rows = response.content.count(b'<th scope="row"')
    org.delete()  # leave a shared database as we found it
    User.objects.filter(pk=user.pk).delete()
    print(
        json.dumps(
            {
                "benchmark": "web_portfolio",
                "database": connection.vendor,
                "projects": args.projects,
                "page_size": PAGE_SIZE,
                "rows_rendered": rows,
                "requests": args.requests,
                "queries_per_request": queries,
                **latency_ms(ordered),
                "html_bytes": len(response.content),
            }
        )
    )
    return 0 if rows == min(args.projects, PAGE_SIZE) else 1


def _portfolio(n: int, now: object) -> tuple[object, object]:
    """An organisation with ``n`` active projects and their history, written in bulk."""
    from django.contrib.auth.models import User

    from plazo.store.models import (
        Client,
        Commitment,
        DelayCase,
        Forecast,
        Membership,
        Message,
        Organisation,
        Project,
    )

    assert hasattr(now, "date")
    stamp = time.time_ns()
    today = now.date()
    org = Organisation.objects.create(name="Bench", slug=f"bench-web-{stamp}")
    user = User.objects.create_user(f"bench-{stamp}", password="x")
    Membership.objects.create(organisation=org, user=user, role="owner")
    clients = Client.objects.bulk_create(
        Client(organisation=org, name=f"Client {i}", time_zone=("Europe/Madrid", "UTC")[i % 2])
        for i in range(50)
    )
    projects = Project.objects.bulk_create(
        (
            Project(
                organisation=org, client=clients[i % 50], name=f"Project {i:05}",
                start_on=today - timedelta(days=60), promised_on=today + timedelta(days=i % 90),
                checkin_weekday=i % 5,
            )
            for i in range(n)
        ),
        batch_size=500,
    )  # fmt: skip
    Commitment.objects.bulk_create(
        (
            Commitment(organisation=org, project=p, promised_on=p.promised_on,
                       made_at=now - timedelta(days=60), is_current=True)
            for p in projects
        ),
        batch_size=500,
    )  # fmt: skip
    Forecast.objects.bulk_create(
        (
            Forecast(
                organisation=org, project=p, created_at=now - timedelta(days=run * 7),
                model="sized", trials=10000, remaining_hours=100, effort_p50_hours=100,
                effort_p85_hours=120, effort_p95_hours=140,
                finish_p50_on=today + timedelta(days=i % 80),
                finish_p85_on=today + timedelta(days=i % 95),
                finish_p95_on=today + timedelta(days=i % 110),
                p_on_time=(i % 100) / 100, inputs_fingerprint="0" * 64,
            )
            for i, p in enumerate(projects)
            for run in range(3)
        ),
        batch_size=500,
    )  # fmt: skip
    Message.objects.bulk_create(
        (
            Message(
                organisation=org, project=p, kind="weekly_update", language="es",
                idempotency_key=f"bench:{stamp}:{p.pk}:{week}", subject="Avance", text="Hola",
                state="sent", created_at=now - timedelta(days=week * 7),
                sent_at=now - timedelta(days=week * 7),
            )
            for p in projects
            for week in range(2)
        ),
        batch_size=500,
    )  # fmt: skip
    DelayCase.objects.bulk_create(
        (
            DelayCase(organisation=org, project=p, trigger="forecast", opened_at=now)
            for p in projects[::5]
        ),
        batch_size=500,
    )
    return org, user


if __name__ == "__main__":
    sys.exit(main())
