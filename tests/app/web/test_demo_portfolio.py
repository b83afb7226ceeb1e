"""The demo after one full cycle: the slipping project leads, and its client has been told."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import Client as HttpClient

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.demo.cycle import run_demo_cycle
from plazo.demo.load import DEMO_PASSWORD
from plazo.store.models import Project
from plazo.store.services.access.status_pages import ensure_status_page
from plazo.store.services.pages.portfolio import dashboard_portfolio

pytestmark = pytest.mark.django_db
NOW = datetime.combine(datetime(2026, 11, 27).date(), time(10), ZoneInfo("Europe/Madrid"))


def test_the_project_with_the_delay_case_comes_first_and_its_client_can_follow_it() -> None:
    org = load_demo(NOW.date()).organisation
    run_demo_cycle(org, today=NOW.date(), now=NOW)

    rows = dashboard_portfolio(org, now=NOW).rows
    for r in rows:
        print(
            r.name,
            r.health,
            r.action,
            r.open_case_state,
            r.p_on_time,
            r.promised_on,
            r.last_update_at,
        )
    browser = HttpClient()
    assert browser.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    portfolio = browser.get("/").content.decode()
    portal = Project.objects.for_organisation(org).get(name="Portal del inversor")
    cache.clear()
    status = HttpClient().get(f"/s/{ensure_status_page(portal, now=NOW).token}/")

    # The cycle left the notice in draft for a person: reviewing it is the first thing to do.
    assert rows[0].name == "Portal del inversor"
    assert rows[0].open_case_state == "draft"
    assert rows[0].needs_action
    assert portfolio.index("Portal del inversor") < portfolio.index("Driver app")
    assert status.status_code == 200
    assert status.content.decode().count('<th scope="row"') == 1  # the promise, not yet replaced
