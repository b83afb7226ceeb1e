"""The dashboard in headless Chromium against a live server: log in, the at-risk project first,
its chart and ledger, the outbox, the client's status page; screenshots in tests/e2e/artifacts/."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.demo.load import DEMO_PASSWORD
from plazo.store.models import Forecast, Message, Project, ProjectStatus
from plazo.store.services.access.status_pages import ensure_status_page
from tests.e2e.browser import needs_chromium, screenshot

AT_RISK = "Portal del inversor"

pytestmark = [
    needs_chromium,
    pytest.mark.django_db(transaction=True),
]


def _demo_with_forecasts_and_mail() -> str:
    """The demo portfolio, forecast (one project at risk), with a sent update and a failed one."""
    today = timezone.localdate()
    now = timezone.now()
    org = load_demo(today).organisation
    for project in Project.objects.for_organisation(org).filter(status=ProjectStatus.ACTIVE):
        assert project.promised_on is not None
        risky = project.name == AT_RISK
        for week, drift in ((2, 0), (1, 4), (0, 9)):
            slip = timedelta(days=drift if risky else 0)
            Forecast.objects.create(
                organisation=org, project=project, created_at=now - timedelta(days=7 * week),
                model="sized", trials=10_000, remaining_hours=120, effort_p50_hours=120,
                effort_p85_hours=150, effort_p95_hours=175,
                finish_p50_on=project.promised_on - timedelta(days=10 if not risky else 2) + slip,
                finish_p85_on=project.promised_on - timedelta(days=4 if not risky else -3) + slip,
                finish_p95_on=project.promised_on + timedelta(days=2 if not risky else 8) + slip,
                p_on_time=(0.62 - 0.04 * (2 - week)) if risky else 0.93,
                inputs_fingerprint="0" * 64,
            )  # fmt: skip
        Message.objects.create(
            organisation=org, project=project, kind="weekly_update", language="es",
            idempotency_key=f"e2e:{project.pk}:sent", subject=f"{project.name}: avance semanal",
            text="Esta semana terminamos la portada.\nLa próxima: el área privada.",
            state="sent", created_at=now - timedelta(days=3), sent_at=now - timedelta(days=3),
        )  # fmt: skip
        if risky:
            Message.objects.create(
                organisation=org, project=project, kind="weekly_update", language="es",
                idempotency_key=f"e2e:{project.pk}:failed", subject=f"{project.name}: avance",
                text="…", state="failed", attempts=5, created_at=now - timedelta(hours=2),
                last_error="SMTPRecipientsRefused: 550 mailbox unavailable",
            )  # fmt: skip
    risky_project = Project.objects.for_organisation(org).get(name=AT_RISK)
    return ensure_status_page(risky_project, now=now).token


def _shot(page: Any, name: str) -> None:
    screenshot(page, name)


def test_the_owner_logs_in_and_sees_the_project_that_needs_action_first(
    browser: Any, live_server: Any
) -> None:
    token = _demo_with_forecasts_and_mail()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # 1. Logging in lands on the portfolio, the at-risk project first.
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_selector("table.portfolio")
    first = page.locator("table.portfolio tbody tr").first
    assert first.locator("th a").inner_text() == AT_RISK
    assert "at risk" in first.inner_text()
    assert "Tell the client" in first.inner_text()
    _shot(page, "portfolio.png")

    # 2. Sorting by name refreshes the table (HTMX) and keeps the page working.
    page.click("thead a:has-text('Project')")
    page.wait_for_url("**sort=name**")
    names = page.locator("table.portfolio tbody th a").all_inner_texts()
    assert names == sorted(names, key=str.casefold)
    page.select_option("#health", "on_track")  # a filter keeps the chosen order
    page.wait_for_url("**health=on_track**")
    page.wait_for_function("() => !document.body.innerText.includes('Tell the client')")
    on_track = page.locator("table.portfolio tbody th a").all_inner_texts()
    assert AT_RISK not in on_track
    assert on_track == sorted(on_track, key=str.casefold)
    assert len(on_track) == len(names) - 1

    # 3. The keyboard: the first Tab shows the skip link; then the project page.
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    box = page.locator("a.skip").bounding_box()
    assert box is not None
    assert box["x"] >= 0
    page.click(f"text={AT_RISK}")
    page.wait_for_selector("svg[role=img] polyline.done")
    assert page.locator("svg.wide polygon.fan").count() == 1
    assert page.locator("#h-ledger").is_visible()
    assert page.locator("section:has(#h-ledger) tbody tr").count() == 1
    assert "Esta semana terminamos la portada." in page.inner_text("section:has(#h-thread)")
    _shot(page, "project.png")

    # 4. The outbox: retry the failed message.
    page.click("nav >> text=Outbox")
    page.wait_for_selector("table.outbox")
    assert "550 mailbox unavailable" in page.inner_text("table.outbox")
    _shot(page, "outbox.png")
    page.click("button:has-text('Retry now')")
    page.wait_for_selector(".notices")
    assert "queued again" in page.inner_text(".notices")

    # 5. The client's status page, in Spanish, without a login.
    client_page = browser.new_page(viewport={"width": 390, "height": 844}, locale="en-GB")
    client_page.goto(f"{live_server.url}/s/{token}/")
    assert "Fechas prometidas" in client_page.inner_text("main")
    assert client_page.locator("meta[name=robots]").get_attribute("content").startswith("noindex")
    _shot(client_page, "status_page_phone.png")

    # 6. The portfolio on a phone: rows become cards.
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.context.add_cookies(page.context.cookies())
    phone.goto(f"{live_server.url}/")
    phone.wait_for_selector("table.portfolio")
    _shot(phone, "portfolio_phone.png")
    assert errors == []
