"""The policy page answers "what would the policy offer?" for a slip, as ``plazo policy explain``
does, for any member, and changes nothing."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.cli import main
from plazo.store.models import Commitment, DelayCase, Message, Offer
from tests.app.factories import make_client, make_org, make_project
from tests.app.web.helpers import browser_as, browser_for, promise

pytestmark = pytest.mark.django_db
POLICY = "/settings/policy/"


def _ask(browser: HttpClient, **fields: Any) -> tuple[int, str]:
    """GET the page with the question; the status and the answer's block ("" when none)."""
    response = browser.get(POLICY, {f"offer-{name}": value for name, value in fields.items()})
    page = response.content.decode()
    answer = re.search(r'<div data-testid="offer-answer".*?</div>\s*</section>', page, re.S)
    return response.status_code, html.unescape(answer.group(0)) if answer else ""


def _explain(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    """``plazo policy explain ARGS --json``, run in this process."""
    assert main(["policy", "explain", *args, "--json"]) == 0
    answer: dict[str, Any] = json.loads(capsys.readouterr().out)
    return answer


def test_the_page_offers_the_form_before_anything_is_asked() -> None:
    browser, _ = browser_for(make_org())
    page = browser.get(POLICY).content.decode()
    assert 'data-testid="offer-form"' in page
    assert 'name="offer-slip_working_days"' in page
    assert 'data-testid="offer-answer"' not in page


def test_a_slip_of_a_value_gets_what_plazo_policy_explain_says(
    capsys: pytest.CaptureFixture[str],
) -> None:
    browser, _ = browser_for(make_org(currency="EUR"))
    status, answer = _ask(browser, slip_working_days=12, value="10000", cause="ours")
    cli = _explain(capsys, "--slip-days", "12", "--value", "10000", "--currency", "EUR")

    assert status == 200
    assert cli["rule"] == "long-slip"
    assert "Rule “long-slip” decides" in answer
    for offer in cli["offers"]:
        assert offer["description"] in answer
    assert [o["amount"] for o in cli["offers"]] == ["800.00", "400.00"]
    assert "€800.00" in answer
    assert "€400.00" in answer
    assert "€1,200.00" in answer  # the total
    assert cli["reason"] in answer
    assert "a slip of 12 working days; first slip; value €10,000.00" in answer
    assert "notice: unknown" in answer


def test_earlier_slips_escalate_the_offer_as_the_cli_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    browser, _ = browser_for(make_org(currency="EUR"))
    _, answer = _ask(browser, slip_working_days=6, value="10000", earlier_slips=1, cause="ours")
    cli = _explain(
        capsys, "--slip-days", "6", "--value", "10000", "--currency", "EUR", "--repeat", "1"
    )
    assert [o["amount"] for o in cli["offers"]] == ["750.00"]  # 5 % × 1.5
    assert "€750.00" in answer
    assert "1 earlier slip;" in answer
    assert cli["reason"] in answer


def test_a_project_brings_its_value_currency_plan_and_earlier_slips() -> None:
    org = make_org(currency="EUR")
    project = make_project(
        org, name="Tienda online", value=Decimal("20000"), currency="USD", country="ES"
    )
    today = project.client_today(timezone.now())
    for weeks in (3, 5, 7):  # the first promise and two re-promises: two earlier slips
        promise(
            project,
            today + timedelta(weeks=weeks),
            made_at=timezone.now() - timedelta(days=30 - weeks),
        )
    browser, _ = browser_for(org)

    _, own = _ask(browser, project=project.pk, slip_working_days=6, cause="ours")
    _, told = _ask(browser, project=project.pk, slip_working_days=6, earlier_slips=0, cause="ours")

    assert "Rule “medium-slip” decides" in own
    assert "2 earlier slips" in own
    assert "value $20,000.00" in own
    assert '10% discount on this project</td><td class="num">$2,000.00' in own  # 5 % × 2
    assert "first slip" in told
    assert "$1,000.00" in told


def test_a_member_asks_too_and_nothing_changes() -> None:
    org = make_org()
    project = make_project(org, value=Decimal("9000"))
    promise(project, project.client_today(timezone.now()) + timedelta(days=20))
    tables = (Commitment, DelayCase, Message, Offer)
    before = [model.objects.count() for model in tables]

    status, answer = _ask(
        browser_as(org, "member"), project=project.pk, slip_working_days=3, cause="ours"
    )

    assert status == 200
    assert "Rule “short-slip” decides" in answer
    assert [model.objects.count() for model in tables] == before
    org.refresh_from_db()
    assert org.policy_toml == ""


def test_a_client_caused_slip_offers_nothing() -> None:
    browser, _ = browser_for(make_org())
    _, answer = _ask(browser, slip_working_days=30, value="50000", cause="client")
    assert "Rule “client-caused” decides" in answer
    assert "Nothing is offered." in answer


def test_without_a_project_the_value_is_asked_for() -> None:
    browser, _ = browser_for(make_org())
    response = browser.get(POLICY, {"offer-slip_working_days": "5", "offer-cause": "ours"})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Give the project's value, or pick a project." in page
    assert 'data-testid="offer-answer"' not in page


def test_another_organisations_project_is_not_a_choice() -> None:
    mine, theirs = make_org(), make_org()
    hidden = make_project(theirs, client=make_client(theirs), name="Ajeno", value=Decimal(9000))
    browser, _ = browser_for(mine)
    page = browser.get(POLICY).content.decode()
    assert "Ajeno" not in page
    status, answer = _ask(browser, project=hidden.pk, slip_working_days=5, cause="ours")
    assert status == 200
    assert answer == ""


def test_the_question_and_the_answer_speak_spanish() -> None:
    browser, _ = browser_for(make_org(currency="EUR"))
    browser.cookies["django_language"] = "es"
    page = browser.get(POLICY).content.decode()
    assert "¿Qué ofrecería la política?" in page
    assert "Retraso (días laborables)" in page
    _, answer = _ask(browser, slip_working_days=1, value="10000", cause="ours")
    assert "Decide la regla «retraso corto»" in answer
    assert "un retraso de 1 día laborable; primer retraso; valor 10.000,00\xa0€" in answer
    assert "300,00\xa0€" in answer
    assert "Se aplica la regla «retraso corto»" in answer  # the policy's reason, in Spanish
    assert "categoría del cliente: estándar" in answer
    assert "standard" not in answer
    page = browser.get(POLICY).content.decode()
    assert "retraso muy largo <code" in page  # the default rules in words, with their codes
