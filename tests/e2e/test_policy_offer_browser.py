"""On a fresh organisation, the policy page's "what would the policy offer?" form answers in
headless Chromium: first for a slip of a value, then for one of the organisation's projects, then
in Spanish."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from plazo.cli import main
from plazo.store.models import Client, Commitment, Organisation, Project
from plazo.store.services.ledger.promises import record_promise
from tests.e2e.browser import needs_chromium, screenshot

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]

EMAIL = "ana@estudionorte.example"
PASSWORD = "una-clave-larga"


def _fresh_studio(tmp_path: Path) -> Organisation:
    secret = tmp_path / "password.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    argv = ["init", "--organisation", "Estudio Norte", "--email", EMAIL, "--currency", "EUR"]
    assert main([*argv, "--password-file", str(secret), "--name", "Ana Pérez"]) == 0
    return Organisation.objects.get()


def test_the_policy_form_answers_for_a_value_and_for_a_project(
    browser: Any, live_server: Any, tmp_path: Path
) -> None:
    org = _fresh_studio(tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/settings/policy/")
    page.fill("#id_username", EMAIL)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_selector("h2:has-text('What would the policy offer?')")

    # 1. No project yet: a slip of twelve working days on a project worth 10,000 EUR.
    page.fill("#id_offer-slip_working_days", "12")
    page.fill("#id_offer-value", "10000")
    page.click("button:has-text('Show the offer')")
    answer = page.locator("[data-testid=offer-answer]")
    answer.wait_for()
    assert "Rule “long-slip” decides" in answer.inner_text()
    assert page.inner_text("[data-testid=offer-total]") == "€1,200.00"
    screenshot(page, "policy-offer.png")

    # 2. A project of the organisation, with one earlier slip in its ledger: its own facts count.
    client = Client.objects.create(organisation=org, name="Librería Sol")
    today = timezone.localdate()
    project = Project.objects.create(
        organisation=org,
        client=client,
        name="Tienda online",
        start_on=today - timedelta(days=30),
        value=Decimal("10000"),
        currency="EUR",
        country="ES",
    )
    for weeks, made_days_ago in ((3, 20), (5, 10)):
        made_at = timezone.now() - timedelta(days=made_days_ago)
        later = weeks == 5  # the second promise is a later date: the owner told the client
        record_promise(
            project,
            today + timedelta(weeks=weeks),
            made_at=made_at,
            told_on=made_at.date() if later else None,
            reason="The client added a second language." if later else "",
        )
    promises = Commitment.objects.count()
    page.goto(f"{live_server.url}/settings/policy/")
    page.select_option("#id_offer-project", label="Tienda online")
    page.fill("#id_offer-slip_working_days", "6")
    page.click("button:has-text('Show the offer')")
    answer.wait_for()
    text = answer.inner_text()
    assert "Rule “medium-slip” decides" in text
    assert "1 earlier slip;" in text
    assert page.inner_text("[data-testid=offer-total]") == "€750.00"  # 5 % × 1.5
    assert Commitment.objects.count() == promises  # asking changed nothing

    # 3. In Spanish, the same question (kept in the address) is asked and answered again.
    page.select_option("#language", "es")
    page.click("button:has-text('Change')")
    page.wait_for_selector("h2:has-text('¿Qué ofrecería la política?')")
    text = answer.inner_text()
    assert "Decide la regla «retraso medio»" in text  # the default rules' names in Spanish
    assert "1 retraso anterior;" in text
    assert page.inner_text("[data-testid=offer-total]") == "750,00\xa0€"
    screenshot(page, "policy-offer-es.png")
    assert errors == []
