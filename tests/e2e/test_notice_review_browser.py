"""From the owner's alert to a queued delay notice, in headless Chromium against a live server.

The demo is loaded and forecast, so its at-risk project opens a draft delay case (the full demo
cycle also leaves it in draft, with its facts filled in). The owner then logs in, opens the case
from the portfolio, writes the facts until the checker is satisfied, tries a hurried date,
approves, and finds the notice queued.
Screenshots go to tests/e2e/artifacts/review-*.png.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.demo.load import DEMO_PASSWORD
from plazo.store.models import DelayCase, Message
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.forecasting.run import reforecast_active
from tests.e2e.browser import needs_chromium, screenshot

AT_RISK = "Portal del inversor"
BLAMING = "ustedes no nos enviaron los textos a tiempo"
FACTS = {
    "#cause": "el proveedor del registro de acciones cambió su interfaz a mitad del proyecto",
    "#identified": "son los cambios en su nueva interfaz; ya tenemos su entorno de pruebas",
    "#prevention": "validaremos cada integración externa con un prototipo en la primera semana",
    "#recovery_steps": "dos personas dedicadas a la integración\n"
    "migración de contenidos en paralelo\nrevisión del avance con ustedes cada viernes",
}

pytestmark = [
    needs_chromium,
    pytest.mark.django_db(transaction=True),
]


def _demo_with_a_draft_case() -> DelayCase:
    """The demo portfolio forecast today: the at-risk project's draft case, owner alerted."""
    today, now = timezone.localdate(), timezone.now()
    org = load_demo(today).organisation
    for run in reforecast_active(org, now=now):
        open_case_if_at_risk(run.snapshot, run.forecast, now=now)
    return DelayCase.objects.get(project__name=AT_RISK, state="draft")


def _shot(page: Any, name: str) -> None:
    screenshot(page, name)


def test_the_owner_reviews_and_approves_the_delay_notice(browser: Any, live_server: Any) -> None:
    case = _demo_with_a_draft_case()
    alert = Message.objects.get(kind="owner_alert", delay_case=case)
    assert f"/cases/{case.pk}/" in alert.text  # the alert's link is this page
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # 1. Log in; the at-risk project comes first, its next step a link to the review.
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    first = page.locator("table.portfolio tbody tr").first
    assert first.locator("th a").inner_text() == AT_RISK
    first.locator("a:has-text('Review the delay notice')").click()
    page.wait_for_selector("#review-live")
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert "not ready" in page.inner_text("#h-checker")
    _shot(page, "review-empty.png")

    # 2. Blaming the client is caught as the owner types (HTMX, no submit).
    page.fill("#cause", BLAMING)
    for field, text in list(FACTS.items())[1:]:
        page.fill(field, text)
    page.wait_for_selector("mark.warn.blames_client")
    assert "not ready" in page.inner_text("#h-checker")
    _shot(page, "review-checker.png")

    # 3. The real cause: the checker is satisfied, every part of the notice is there.
    page.fill("#cause", FACTS["#cause"])
    page.wait_for_selector("#h-checker .badge.on_track")
    assert page.locator(".practices .element.absent").count() == 0
    assert "Lamento mucho" in page.inner_text(".notice-text")  # the client's Spanish, formal
    _shot(page, "review-ready.png")
    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="en-GB")
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)  # the stored draft (nothing saved yet) on a phone: one column
    assert phone.locator("#new_on").bounding_box()["width"] <= 390  # type: ignore[index]
    _shot(phone, "review-phone.png")

    # 4. Sliding to the earliest day warns: the date is more likely missed than met.
    recommended = page.input_value("#new_on")
    page.focus("#day")
    page.keyboard.press("Home")
    page.wait_for_selector(".chance.below-p50")
    assert page.input_value("#new_on") < recommended  # the date field follows the slider
    _shot(page, "review-below-p50.png")
    page.fill("#new_on", recommended)
    page.wait_for_function("() => !document.querySelector('.chance.below-p50')")
    page.wait_for_selector("#h-checker .badge.on_track")

    # 5. Approve: back on the project page with the news, the notice queued in the outbox.
    page.click("button[value=approve]")
    page.wait_for_selector(".notices")
    assert "The delay notice is queued" in page.inner_text(".notices")
    page.click("nav >> text=Outbox")
    row = page.locator("table.outbox tbody tr", has_text="delay notice").first
    assert "queued" in row.inner_text()
    _shot(page, "review-queued.png")
    case.refresh_from_db()
    assert case.state == "approved"
    assert Message.objects.filter(kind="delay_notice", delay_case=case, state="queued").count() == 1

    # 6. The approved case reads back, on a phone.
    phone.goto(f"{live_server.url}/cases/{case.pk}/")
    assert "The notice as approved" in phone.inner_text("main")
    _shot(phone, "review-approved-phone.png")
    assert errors == []


def test_the_alerts_link_leads_through_the_login_to_the_review(
    browser: Any, live_server: Any
) -> None:
    case = _demo_with_a_draft_case()
    alert = Message.objects.get(kind="owner_alert", delay_case=case)
    [link] = re.findall(r"https?://\S+/cases/\d+/", alert.text)
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="es-ES")
    page.goto(live_server.url + urlsplit(link).path)  # the owner taps the link on their phone
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_selector("#review-live")
    assert urlsplit(page.url).path == f"/cases/{case.pk}/"
