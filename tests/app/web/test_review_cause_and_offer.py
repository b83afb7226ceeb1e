"""The review page follows the policy: whose cause it is (S4), no offer when none is due (M2),
and an offer above the cap said once with its fields marked (M4)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.test import Client as HttpClient

from plazo.store.models import DelayCase, Message, Offer, Project
from tests.app.web.test_notice_review import _draft_case, _form, _text

pytestmark = pytest.mark.django_db


def _offer_amounts(page: str) -> list[str]:
    return re.findall(r'name="offer-\d+-amount" value="([^"]*)"', page)


def _next_working_day(case: DelayCase) -> date:
    calendar = case.project.work_calendar()
    assert case.previous_promised_on is not None
    return calendar.next_working_day(case.previous_promised_on + timedelta(days=1))


def test_the_page_asks_whose_cause_it_is_and_starts_from_the_cases() -> None:
    browser, case = _draft_case()
    page = _text(browser.get(f"/cases/{case.pk}/"))
    assert "Whose cause is it?" in page
    for value in ("ours", "third_party", "client", "scope_change", "force_majeure"):
        assert f'name="cause_category" value="{value}"' in page
    assert 'value="ours" checked' in page
    spanish = _text(browser.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="es"))
    assert "¿De quién es la causa?" in spanish
    assert "El cliente (contenidos, respuestas o aprobaciones tarde)" in spanish
    assert "Un cambio de alcance que pidió el cliente" in spanish


@pytest.mark.parametrize(
    ("language", "rule_name", "rule_words"),
    [
        ("en", "client-caused", "the cause is the client"),
        ("es", "causado por el cliente", "la causa es el cliente"),  # default names translated
    ],
)
def test_a_client_caused_delay_is_priced_by_the_policys_client_rule(
    language: str, rule_name: str, rule_words: str
) -> None:
    browser, case = _draft_case()
    form = _form(case, browser)
    ours = _text(browser.post(f"/cases/{case.pk}/preview/", form, HTTP_ACCEPT_LANGUAGE=language))
    assert rule_name not in ours
    changed = {**form, "cause_category": "client"}
    theirs = _text(
        browser.post(f"/cases/{case.pk}/preview/", changed, HTTP_ACCEPT_LANGUAGE=language)
    )
    assert rule_name in theirs
    assert rule_words in theirs
    assert 'id="offers-fieldset" hx-swap-oob="true"' in theirs  # the offer rows are redrawn
    assert 'data-testid="no-offer-due"' in theirs
    assert _offer_amounts(theirs) == ["0"]
    ready = "all parts present" if language == "en" else "todas las partes presentes"
    assert ready in theirs  # the apology is enough: nothing is missing
    assert 'data-testid="compensation-not-needed"' in theirs


def test_approving_a_client_caused_delay_sends_no_offer_and_keeps_the_cause() -> None:
    browser, case = _draft_case()
    form = {**_form(case, browser), "cause_category": "client", "action": "approve"}
    form = {key: value for key, value in form.items() if not key.startswith("offer")}
    form["offers"] = "0"
    response = browser.post(f"/cases/{case.pk}/", form, follow=True)
    assert "The delay notice is queued" in _text(response)
    case.refresh_from_db()
    assert case.state == "approved"
    assert case.cause_category == "client"
    assert not Offer.objects.filter(delay_case=case).exists()
    notice = Message.objects.get(kind="delay_notice", delay_case=case)
    assert "compensar" not in notice.text
    assert "descuento" not in notice.text


def test_saving_keeps_the_cause_category() -> None:
    browser, case = _draft_case()
    form = {**_form(case, browser), "cause_category": "force_majeure", "action": "save"}
    browser.post(f"/cases/{case.pk}/", form)
    case.refresh_from_db()
    assert case.cause_category == "force_majeure"
    assert 'value="force_majeure" checked' in _text(browser.get(f"/cases/{case.pk}/"))


def test_an_unknown_cause_category_is_refused_and_nothing_is_saved() -> None:
    browser, case = _draft_case()
    form = {**_form(case, browser), "cause_category": "aliens", "action": "save"}
    response = browser.post(f"/cases/{case.pk}/", form)
    assert "Choose whose cause the delay is from the list." in _text(response)
    case.refresh_from_db()
    assert case.cause_category == "ours"
    assert case.cause == ""


def _short_slip(browser: HttpClient, case: DelayCase) -> dict[str, str]:
    """The form for a one-working-day slip told well ahead: the policy's short-slip-early-notice."""
    new_on = _next_working_day(case)
    calendar = case.project.work_calendar()
    assert case.previous_promised_on is not None
    today = case.project.client_today(case.opened_at)
    assert calendar.working_days_between(today, case.previous_promised_on) >= 5
    return {**_form(case, browser), "new_on": new_on.isoformat(), "shown_on": ""}


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_short_slip_told_early_needs_no_offer_as_the_policy_says(language: str) -> None:
    browser, case = _draft_case()
    form = _short_slip(browser, case)
    page = _text(browser.post(f"/cases/{case.pk}/preview/", form, HTTP_ACCEPT_LANGUAGE=language))
    rule_name = "short-slip-early-notice" if language == "en" else "retraso corto avisado con"
    assert rule_name in page
    assert "Offer something" not in page
    assert "Ofrezca algo" not in page
    assert "a notice must offer something" not in page
    assert ("all parts present" if language == "en" else "todas las partes presentes") in page
    response = browser.post(f"/cases/{case.pk}/", {**form, "action": "approve"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/projects/{case.project_id}/"
    assert not Offer.objects.filter(delay_case=case).exists()
    assert Project.objects.get(pk=case.project_id).promised_on == _next_working_day(case)


def test_an_offer_above_the_cap_is_said_once_and_its_amount_is_marked() -> None:
    browser, case = _draft_case()
    page = _text(browser.get(f"/cases/{case.pk}/"))
    cap = re.findall(r'max="(\d+\.\d\d)"', page)[0]
    form = {**_form(case, browser), "offer-0-amount": cap, "action": "approve"}
    rows = int(form["offers"])
    for i in range(1, rows):
        form[f"offer-{i}-amount"] = "1"
    if rows == 1:
        form["offer-0-amount"] = str(float(cap) + 1)
    refused = _text(browser.post(f"/cases/{case.pk}/", form))
    said = refused.count("The offers together can be worth at most")
    assert said == 1
    assert 'aria-invalid="true" aria-describedby="offer-refused"' in refused
    assert 'data-testid="offer-refused"' in refused
    assert not Message.objects.filter(kind="delay_notice").exists()
