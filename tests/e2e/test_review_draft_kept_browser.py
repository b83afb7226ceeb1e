"""Facts typed on the delay review and never saved by a button are there on return, in headless
Chromium against a live server: kept as the owner types, and by a beacon when the page is left.
The page is narrow (375 px, a phone) and draws without sideways scrolling.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.demo.load import DEMO_PASSWORD
from plazo.store.models import DelayCase, Message
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.forecasting.run import reforecast_active
from tests.e2e.browser import needs_chromium, screenshot

AT_RISK = "Portal del inversor"
CAUSE = "el proveedor del registro de acciones cambió su interfaz"
PREVENTION = "validaremos cada integración externa con un prototipo"

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]


def _draft_case() -> DelayCase:
    today, now = timezone.localdate(), timezone.now()
    org = load_demo(today).organisation
    for run in reforecast_active(org, now=now):
        open_case_if_at_risk(run.snapshot, run.forecast, now=now)
    return DelayCase.objects.get(project__name=AT_RISK, state="draft")


def _log_in(page: Any, url: str) -> None:
    page.goto(f"{url}/login/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{url}/")


def test_facts_typed_and_left_unsaved_are_there_on_return(browser: Any, live_server: Any) -> None:
    case = _draft_case()
    page = browser.new_page(viewport={"width": 375, "height": 800}, locale="en-GB")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _log_in(page, live_server.url)
    review = f"{live_server.url}/cases/{case.pk}/"

    # 1. Typed, then a pause: kept as the owner goes, said on the page.
    page.goto(review)
    page.fill("#cause", CAUSE)
    page.wait_for_selector("#autosave-status:has-text('Draft kept')")
    case.refresh_from_db()
    assert case.cause == CAUSE
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "review-draft-kept-phone.png")

    # 2. Typed and left at once (a link, no pause): the beacon keeps it as the page goes.
    page.fill("#prevention", PREVENTION)
    page.click(f"a[href='/projects/{case.project_id}/']")
    page.wait_for_url(f"{live_server.url}/projects/{case.project_id}/")
    page.goto(review)
    assert page.input_value("#cause") == CAUSE
    assert page.input_value("#prevention") == PREVENTION
    case.refresh_from_db()
    assert (case.state, case.prevention) == ("draft", PREVENTION)
    assert not Message.objects.filter(kind="delay_notice", delay_case=case).exists()
    assert errors == []
