"""Work-item edit speed: server time of an inline edit that re-forecasts before the page answers.

Prints JSON. The database is a fresh SQLite file under a temporary PLAZO_HOME (or DATABASE_URL)
holding the demo portfolio. Each request is the htmx inline edit of one open item's estimate,
alternating between two values so every request changes the inputs: the progress event, a new
forecast of the project (10,000 trials over the studio's own history), the early-warning check and
the item section rendered. Requests go through Django's test client (middleware, session,
template), no network.
Usage: python benchmarks/web_items.py [--requests N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("PLAZO_HOME", tempfile.mkdtemp(prefix="plazo-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plazo.conf.settings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client as HttpClient
    from django.utils import timezone

    from plazo.demo import DEMO_USERNAME, load_demo
    from plazo.store.models import Forecast, Project

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    had_user = User.objects.filter(username=DEMO_USERNAME).exists()
    loaded = load_demo(timezone.localdate())
    if not loaded.created:
        print("this database already holds the demo; use an empty one", file=sys.stderr)
        return 2
    org = loaded.organisation
    project = Project.objects.get(organisation=org, name="Informe anual interactivo")
    item = project.work_items.exclude(status="done").order_by("position").first()
    assert item is not None
    browser = HttpClient()
    browser.force_login(User.objects.get(username=DEMO_USERNAME))
    url = f"/items/{item.pk}/"
    browser.post(url, {"estimate_hours": "7", "status": "todo"}, HTTP_HX_REQUEST="true")  # warm

    timings = []
    before = Forecast.objects.filter(project=project).count()
    for n in range(args.requests):
        estimate = "8" if n % 2 == 0 else "9"
        started = time.perf_counter()
        response = browser.post(
            url, {"estimate_hours": estimate, "status": "todo"}, HTTP_HX_REQUEST="true"
        )
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        assert b"Forecast updated" in response.content
    stored = Forecast.objects.filter(project=project).count() - before
    org.delete()  # leave a shared database as we found it
    if not had_user:
        User.objects.filter(username=DEMO_USERNAME).delete()
    timings.sort()
    print(
        json.dumps(
            {
                "benchmark": "web_item_edit_with_reforecast",
                "database": connection.vendor,
                "requests": args.requests,
                "forecasts_stored": stored,
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
                "max_ms": round(timings[-1], 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
