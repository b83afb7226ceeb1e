"""The ledger page in headless Chromium on the demo portfolio: numbers, a filter through HTMX,
the charts; a screenshot in tests/e2e/artifacts/ledger.png (the one docs/img/ledger.png shows)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.demo.load import DEMO_PASSWORD
from plazo.store.models import Project
from tests.app.ledger_data import offer
from tests.e2e.browser import needs_chromium, screenshot

pytestmark = [
    needs_chromium,
    pytest.mark.django_db(transaction=True),
]


def _demo_with_offers() -> None:
    """The demo portfolio, plus the offers its one announced slip would have made."""
    today = timezone.localdate()
    org = load_demo(today).organisation
    routes = Project.objects.for_organisation(org).get(name="Route planner API")
    offer(
        routes, "1300", "EUR", "applied", today - timedelta(days=95), applied_amount=Decimal(1300)
    )
    offer(routes, "400", "EUR", "offered", today - timedelta(days=95))


def test_the_owner_reads_the_ledger_and_narrows_it_to_one_client(
    browser: Any, live_server: Any
) -> None:
    _demo_with_offers()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_selector("table.portfolio")

    # 1. The header leads to the ledger: the demo kept two of its three due promises.
    page.click("nav >> text=Ledger")
    page.wait_for_selector("dl.headline")
    headline = page.inner_text("dl.headline")
    assert "2 of 3 settled promises kept" in headline
    assert "€1,700.00" in headline
    assert page.locator("#h-missed + .table-wrap tbody tr").count() == 1
    assert page.locator("svg[role=img]").count() == 3  # on time, per client, compensation
    screenshot(page, "ledger.png")

    # 2. Choosing a client refreshes the content through HTMX and keeps it bookmarkable.
    page.select_option("#client", label="Northwind Logistics Ltd")
    page.wait_for_url("**client=**")
    page.wait_for_function(
        "() => document.querySelector('dl.headline').innerText.includes('1 of 1')"
    )
    assert "Café Brisa" not in page.inner_text("#ledger")
    page.reload()
    assert "1 of 1 settled promise kept" in page.inner_text("dl.headline")

    # 3. Editing a date makes the period a custom one.
    page.fill("#from", f"{timezone.localdate().year - 3}-01-01")
    page.wait_for_url("**period=custom**")
    assert page.input_value("#period") == "custom"
    assert errors == []
