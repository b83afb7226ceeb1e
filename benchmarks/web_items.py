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
import sys

from _common import demo_organisation, latency_ms, start_django, time_requests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    start_django(web=True)
    from django.db import connection
    from django.utils import timezone

    from plazo.store.models import Forecast, Project

    with demo_organisation(timezone.localdate()) as (org, browser):
        project = Project.objects.get(organisation=org, name="Informe anual interactivo")
        item = project.work_items.exclude(status="done").order_by("position").first()
        assert item is not None
        url = f"/items/{item.pk}/"
        browser.post(url, {"estimate_hours": "7", "status": "todo"}, HTTP_HX_REQUEST="true")  # warm

        def edit(n: int) -> object:
            estimate = "8" if n % 2 == 0 else "9"
            return browser.post(
                url, {"estimate_hours": estimate, "status": "todo"}, HTTP_HX_REQUEST="true"
            )

        before = Forecast.objects.filter(project=project).count()
        timings, _ = time_requests(edit, args.requests, expect=b"Forecast updated")
        stored = Forecast.objects.filter(project=project).count() - before
    print(
        json.dumps(
            {
                "benchmark": "web_item_edit_with_reforecast",
                "database": connection.vendor,
                "requests": args.requests,
                "forecasts_stored": stored,
                **latency_ms(timings),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
