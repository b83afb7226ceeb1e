"""What the database benchmarks share: a throw-away plazo home, Django, portfolios, timings.

Importing this module points plazo at a fresh temporary PLAZO_HOME (unless PLAZO_HOME or
DATABASE_URL is set) and puts the repository on sys.path for the helpers under tests/.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

os.environ.setdefault("PLAZO_HOME", tempfile.mkdtemp(prefix="plazo-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plazo.conf.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))


def start_django(*, web: bool = False) -> None:
    """Start Django and migrate; ``web`` lets Django's test client in (host ``testserver``)."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if web:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)


def weekly_portfolio(projects: int, *, name: str, seed: int = 1) -> Any:
    """An organisation of ``projects`` projects (10 open and 20 finished tasks each) whose
    weekly check-ins are all due now; returns it."""
    from django.contrib.auth.models import User

    from plazo.store.models import Client, Contact, Organisation, Project, WorkItem
    from plazo.store.services.ledger.promises import record_promise

    today = date.today()
    made = datetime.now(UTC) - timedelta(days=28)
    lower = name.lower()
    org = Organisation.objects.create(
        name=name, slug=f"{lower}-{time.time_ns()}", sender_email=f"hola@{lower}.example",
        send_updates_automatically=True,
    )  # fmt: skip
    owner = User.objects.create(username=f"owner-{org.slug}", email=f"owner@{lower}.example")
    client = Client.objects.create(organisation=org, name="C", language="es", time_zone="UTC")
    Contact.objects.create(organisation=org, client=client, name="Lucía", email="l@c.example")
    rng = random.Random(seed)
    for n in range(projects):
        project = Project.objects.create(
            organisation=org, client=client, name=f"P{n}", owner=owner,
            start_on=today - timedelta(days=40), checkin_weekday=0, checkin_hour=0,
        )  # fmt: skip
        items = []
        for i in range(30):
            estimate = Decimal(rng.choice([4, 6, 8, 12, 16]))
            done = i < 20
            items.append(
                WorkItem(
                    organisation=org, project=project, title=f"T{i}", estimate_hours=estimate,
                    status="done" if done else "todo", added_on=project.start_on, position=i,
                    completed_on=today - timedelta(days=30 - i) if done else None,
                    actual_hours=estimate * Decimal(str(round(rng.lognormvariate(0, 0.4), 2)))
                    if done else None,
                )
            )  # fmt: skip
        WorkItem.objects.bulk_create(items)
        record_promise(project, today + timedelta(days=30), made_at=made)
    # In plazo for four weeks, so this week's check-in is owed (plazo.core.checkin.owed_checkin).
    Project.objects.filter(organisation=org).update(created_at=made)
    return org


@contextmanager
def demo_organisation(today: date) -> Iterator[Any]:
    """The demo portfolio loaded into an empty database, and its owner logged in to a test
    client; yields (organisation, client). Afterwards the demo is removed again (the demo
    user too, unless it was there before). Exits 2 when the database already holds the demo."""
    from django.contrib.auth.models import User
    from django.test import Client as HttpClient

    from plazo.demo import DEMO_USERNAME, load_demo

    had_user = User.objects.filter(username=DEMO_USERNAME).exists()
    loaded = load_demo(today)
    if not loaded.created:
        print("this database already holds the demo; use an empty one", file=sys.stderr)
        sys.exit(2)
    browser = HttpClient()
    browser.force_login(User.objects.get(username=DEMO_USERNAME))
    yield loaded.organisation, browser
    loaded.organisation.delete()  # leave a shared database as we found it
    if not had_user:
        User.objects.filter(username=DEMO_USERNAME).delete()


def time_requests(
    send: Callable[[int], Any], count: int, *, expect: bytes | None = None
) -> tuple[list[float], Any]:
    """Send ``count`` requests (``send(n)``); each must answer 200 (and hold ``expect``).

    Returns the milliseconds each took, sorted, and the last response.
    """
    timings, response = [], None
    for n in range(count):
        started = time.perf_counter()
        response = send(n)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        assert expect is None or expect in response.content
    return sorted(timings), response


def time_page(user: Any, url: str, count: int) -> tuple[list[float], Any, int]:
    """GET ``url`` logged in as ``user``: once to warm templates, translations and the session,
    ``count`` times timed (``time_requests``), and once more counting its database queries.

    Returns the sorted milliseconds, the last timed response and the number of queries.
    """
    from django.db import connection
    from django.test import Client as HttpClient
    from django.test.utils import CaptureQueriesContext

    browser = HttpClient()
    browser.force_login(user)
    browser.get(url)
    ordered, response = time_requests(lambda n: browser.get(url), count)
    with CaptureQueriesContext(connection) as queries:
        browser.get(url)
    return ordered, response, len(queries)


def latency_ms(ordered: list[float]) -> dict[str, float]:
    """The median, 95th percentile (nearest rank) and slowest of sorted timings, in ms."""
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
    }
