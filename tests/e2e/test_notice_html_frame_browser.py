"""The HTML version on the notice review page keeps the e-mail's own styles, and breaks no policy.

The preview is a sandboxed frame loaded from its own URL, whose policy allows the e-mail's
inline styles and nothing else (no script). Violations in a frame never reach the page's own
listener, so this test listens inside the frame and reads the styles the frame applied.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.demo.load import DEMO_PASSWORD
from plazo.store.models import DelayCase
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.forecasting.run import reforecast_active
from tests.e2e.browser import needs_chromium

FACTS = {
    "#cause": "el proveedor del registro de acciones cambió su interfaz a mitad del proyecto",
    "#identified": "son los cambios en su nueva interfaz; ya tenemos su entorno de pruebas",
    "#prevention": "validaremos cada integración externa con un prototipo en la primera semana",
    "#recovery_steps": "dos personas dedicadas a la integración\n"
    "migración de contenidos en paralelo\nrevisión del avance con ustedes cada viernes",
}

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]

# Runs in every document, the frame's included, before its own content.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""

# How many elements of the frame carry a style attribute, and how many of those the browser
# applied (a style attribute the policy blocks leaves an empty declaration).
STYLES = """
() => {
  const styled = [...document.querySelectorAll("[style]")];
  return [styled.length, styled.filter((e) => e.style.length > 0).length];
}
"""


def _case() -> DelayCase:
    today, now = timezone.localdate(), timezone.now()
    org = load_demo(today).organisation
    for run in reforecast_active(org, now=now):
        open_case_if_at_risk(run.snapshot, run.forecast, now=now)
    case = DelayCase.objects.filter(state="draft").first()
    assert case is not None
    return case


def _frame(page: Any) -> Any:
    handle = page.wait_for_selector("iframe.notice-html", state="attached")
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_load_state()
    return frame


def test_the_html_version_keeps_its_styles_and_breaks_no_policy(
    browser: Any, live_server: Any
) -> None:
    case = _case()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page.add_init_script(LISTEN)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Security" in m.text else None)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_selector("table.portfolio")

    # 1. The owner types the facts: the live preview draws the frame from the draft typed.
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    for field, text in FACTS.items():
        page.fill(field, text)
    page.wait_for_selector("#h-checker .badge.on_track")
    page.click("section.preview details summary")
    frame = _frame(page)
    frame.wait_for_selector("text=cambió su interfaz", state="attached")
    styled, applied = frame.evaluate(STYLES)
    assert styled > 0
    assert applied == styled
    assert frame.evaluate("window.__csp") == []

    # 2. Saved and shown again (a plain GET): the frame shows the stored draft, styled too.
    page.click("button[name=action][value=save]")
    page.wait_for_selector("#h-checker .badge.on_track")
    page.click("section.preview details summary")
    frame = _frame(page)
    frame.wait_for_selector("text=cambió su interfaz", state="attached")
    styled, applied = frame.evaluate(STYLES)
    assert styled > 0
    assert applied == styled
    assert frame.evaluate("window.__csp") == []
    assert page.evaluate("window.__csp") == []
    assert console == []
