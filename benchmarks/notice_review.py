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
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("PLAZO_HOME", tempfile.mkdtemp(prefix="plazo-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plazo.conf.settings")

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

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client as HttpClient
    from django.utils import timezone

    from plazo.demo import DEMO_USERNAME, load_demo
    from plazo.store.models import DelayCase
    from plazo.store.services.delays.cases import open_case_if_at_risk
    from plazo.store.services.forecasting.run import reforecast_active

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    today, now = timezone.localdate(), timezone.now()
    had_user = User.objects.filter(username=DEMO_USERNAME).exists()
    loaded = load_demo(today)
    if not loaded.created:
        print("this database already holds the demo; use an empty one", file=sys.stderr)
        return 2
    org = loaded.organisation
    for run in reforecast_active(org, now=now):
        open_case_if_at_risk(run.snapshot, run.forecast, now=now)
    case = DelayCase.objects.get(organisation=org, state="draft")
    assert case.recommended_on is not None
    browser = HttpClient()
    browser.force_login(User.objects.get(username=DEMO_USERNAME))
    day = case.recommended_on.isoformat()
    form = {"new_on": day, "shown_on": day, "offers": "0", **FACTS}
    url = f"/cases/{case.pk}/preview/"
    browser.post(url, form)  # warm templates, translations, the lexicons and the session

    timings = []
    for _ in range(args.requests):
        started = time.perf_counter()
        response = browser.post(url, form)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        assert b"on_track" in response.content  # the checker is satisfied: the full path ran
    org.delete()  # leave a shared database as we found it
    if not had_user:
        User.objects.filter(username=DEMO_USERNAME).delete()
    timings.sort()
    print(
        json.dumps(
            {
                "benchmark": "notice_review_preview",
                "database": connection.vendor,
                "requests": args.requests,
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
                "max_ms": round(timings[-1], 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
