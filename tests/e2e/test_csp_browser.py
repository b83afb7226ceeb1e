"""Every kind of page plazo serves passes its Content-Security-Policy in headless Chromium.

The policy allows no inline script, no eval and no inline <style> element. The test opens each
page (the dashboard, the case review with its live preview, the ledger with its date filter, the
outbox, a client status page, the admin and the API docs), uses the scripted parts, and fails on
any ``securitypolicyviolation`` event or CSP message in the console.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.demo.load import DEMO_PASSWORD
from plazo.store.models import DelayCase, Project
from plazo.store.services.access.status_pages import ensure_status_page
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.forecasting.run import reforecast_active
from tests.e2e.browser import needs_chromium

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]

# Recorded in the page before any of its own scripts run.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sample);
});
"""


def _demo() -> tuple[DelayCase, str]:
    today, now = timezone.localdate(), timezone.now()
    org = load_demo(today).organisation
    for run in reforecast_active(org, now=now):
        open_case_if_at_risk(run.snapshot, run.forecast, now=now)
    case = DelayCase.objects.filter(state="draft").first()
    assert case is not None
    token = ensure_status_page(Project.objects.get(pk=case.project_id), now=now).token
    User.objects.filter(username=DEMO_USERNAME).update(is_superuser=True, is_staff=True)
    return case, token


def test_no_page_breaks_the_content_security_policy(browser: Any, live_server: Any) -> None:
    case, token = _demo()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page.add_init_script(LISTEN)
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    seen: dict[str, list[str]] = {}

    def visit(path: str) -> None:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")
        seen[path] = page.evaluate("window.__csp")

    visit("/login/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_selector("table.portfolio")
    for path in ("/", f"/projects/{case.project_id}/", "/outbox/"):
        visit(path)

    visit("/ledger/")
    page.fill("#from", "2026-01-01")
    page.dispatch_event("#from", "change")
    assert page.input_value("#period") == "custom"  # plazo.js, not an inline handler
    seen["/ledger/ (date edited)"] = page.evaluate("window.__csp")

    visit(f"/cases/{case.pk}/")
    page.fill("#cause", "el proveedor cambió su interfaz a mitad del proyecto")
    page.wait_for_load_state("networkidle")  # the live preview is an htmx request
    seen[f"/cases/{case.pk}/ (typed)"] = page.evaluate("window.__csp")

    for path in (
        f"/s/{token}/",
        "/admin/",
        "/admin/plazo/project/",
        f"/admin/plazo/project/{case.project_id}/change/",
        "/api/docs",
    ):
        visit(path)

    violations = {path: found for path, found in seen.items() if found}
    assert violations == {}
    assert console == []
    assert len(seen) == 13


def test_a_quick_add_swap_applies_no_inline_style(browser: Any, live_server: Any) -> None:
    """htmx settles the swapped rows by copying attributes from the old ones; an input the
    browser gave a style attribute (a resized textarea, a screenshot hiding the caret) must not
    have it copied, since setting a style attribute from a script breaks ``style-src 'self'``."""
    case, _ = _demo()
    page = browser.new_page(viewport={"width": 375, "height": 800}, locale="en-GB")
    page.add_init_script(LISTEN)
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_selector("table.portfolio")
    page.goto(f"{live_server.url}/projects/{case.project_id}/items/")
    rows = page.locator("table.items tbody tr[data-item]").count()
    # What a person dragging the textarea's corner does (the browser writes the style
    # attribute itself, which the policy allows), and what a screenshot leaves on each input.
    page.evaluate("document.querySelector('form.quick-add textarea').style.height = '12em'")
    page.evaluate(
        "document.querySelectorAll('#items input').forEach((input) => {"
        " input.style.caretColor = 'red'; input.style.caretColor = ''; })"
    )
    for lines in ("Accessibility review, 4h", "Load test, 3h\nRelease notes, 1h"):
        page.fill("form.quick-add textarea", lines)
        page.click("form.quick-add button[type=submit]")
        page.wait_for_load_state("networkidle")
    page.locator("table.items tbody tr[data-item]").nth(rows + 2).wait_for()
    assert page.evaluate("window.__csp") == []
    assert console == []
