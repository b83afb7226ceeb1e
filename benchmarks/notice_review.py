"""Delay-notice review speed: server time of the live preview the page asks for as the owner types.

Prints JSON. The database is a fresh SQLite file under a temporary PLAZO_HOME (or DATABASE_URL)
holding the demo portfolio, forecast today, so its at-risk project has a draft delay case. Each
request is the HTMX preview with the facts filled in: the chances of two dates re-simulated from
the forecast (10,000 trials), the policy, the composer and the checker. Requests go through
Django's test client (middleware, session, template), no network.
Usage: python benchmarks/notice_review.py [--requests N]
"""

from __future__ import annotations

import argparse
import json
import sys

from _common import demo_organisation, latency_ms, start_django, time_requests

FACTS = {
    "cause": "el proveedor del registro cambió su interfaz a mitad del proyecto",
    "identified": "son los cambios en la nueva interfaz, y ya tenemos su entorno de pruebas",
    "prevention": "validaremos cada integración externa con un prototipo en la primera semana",
    "recovery_steps": "dos personas en la integración\nmigración de contenidos en paralelo",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    start_django(web=True)
    from django.db import connection
    from django.utils import timezone

    from plazo.store.models import DelayCase
    from plazo.store.services.delays.cases import open_case_if_at_risk
    from plazo.store.services.forecasting.run import reforecast_active

    today, now = timezone.localdate(), timezone.now()
    with demo_organisation(today) as (org, browser):
        for run in reforecast_active(org, now=now):
            open_case_if_at_risk(run.snapshot, run.forecast, now=now)
        case = DelayCase.objects.get(organisation=org, state="draft")
        assert case.recommended_on is not None
        day = case.recommended_on.isoformat()
        form = {"new_on": day, "shown_on": day, "offers": "0", **FACTS}
        url = f"/cases/{case.pk}/preview/"
        browser.post(url, form)  # warm templates, translations, the lexicons and the session
        # "on_track": the checker is satisfied, so the full path ran.
        timings, _ = time_requests(
            lambda n: browser.post(url, form), args.requests, expect=b"on_track"
        )
    print(
        json.dumps(
            {
                "benchmark": "notice_review_preview",
                "database": connection.vendor,
                "requests": args.requests,
                **latency_ms(timings),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
