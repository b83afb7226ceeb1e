"""The delay review while the owner types, in headless Chromium: no Content-Security-Policy
violation in the console (the live preview, the language notes, the owner's-language version),
and the notes for facts in another language appear at their field."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.demo.load import DEMO_PASSWORD
from plazo.store.models import DelayCase
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.forecasting.run import reforecast_active
from tests.e2e.browser import needs_chromium, screenshot

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]

AT_RISK = "Portal del inversor"
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sample);
});
"""


def _draft_case() -> DelayCase:
    today, now = timezone.localdate(), timezone.now()
    org = load_demo(today).organisation
    for run in reforecast_active(org, now=now):
        open_case_if_at_risk(run.snapshot, run.forecast, now=now)
    return DelayCase.objects.get(project__name=AT_RISK, state="draft")


def test_typing_on_the_review_breaks_no_policy(browser: Any, live_server: Any) -> None:
    case = _draft_case()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page.add_init_script(LISTEN)
    console: list[str] = []
    page.on(
        "console",
        lambda m: console.append(m.text) if m.type in ("error", "warning") else None,
    )
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.fill("#identified", "el banco cambió sus cuentas de prueba")
    page.fill("#recovery_steps", "dos personas en la integración")
    for field, text in (
        ("#cause", "the payment gateway took longer than we estimated"),
        ("#prevention", "we will test every outside service in the first week"),
    ):
        with page.expect_response(lambda r: r.url.endswith("/preview/")):
            page.locator(field).press_sequentially(text, delay=15)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
    note = page.locator("#lang-cause [data-testid=lang-warning]")
    assert "This reads as English" in note.inner_text()
    page.check("#show-own")
    assert page.locator("#own-notice").is_visible()
    page.locator("summary", has_text="The HTML version").click()
    page.wait_for_timeout(500)
    screenshot(page, "review-typing.png")
    assert page.evaluate("window.__csp") == []
    assert [m for m in console if "Content Security Policy" in m or "Content-Security" in m] == []
