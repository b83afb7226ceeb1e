"""The delay review keeps the owner's facts as the case's draft without a button (``/draft/``):
leaving the page before sending loses nothing, and the page shows them on return."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from plazo.store.models import Message
from tests.app.web.test_notice_review import FACTS, _draft_case, _form, _text

pytestmark = pytest.mark.django_db


def test_the_page_posts_its_draft_as_the_owner_types() -> None:
    browser, case = _draft_case()
    page = _text(browser.get(f"/cases/{case.pk}/"))
    assert f'data-autosave="/cases/{case.pk}/draft/"' in page
    assert 'data-testid="autosave"' in page


def test_facts_kept_without_saving_are_there_on_return_and_nothing_is_sent() -> None:
    browser, case = _draft_case()
    form = _form(case, browser)
    response = browser.post(f"/cases/{case.pk}/draft/", form)
    assert response.status_code == 204
    case.refresh_from_db()
    assert (case.state, case.cause, case.prevention) == (
        "draft",
        FACTS["cause"],
        FACTS["prevention"],
    )
    assert case.recovery_steps == FACTS["recovery_steps"].splitlines()
    again = _text(browser.get(f"/cases/{case.pk}/"))
    assert FACTS["identified"] in again
    assert not Message.objects.filter(kind="delay_notice").exists()


def test_an_amount_above_the_cap_keeps_the_facts_and_the_saved_offer() -> None:
    browser, case = _draft_case()
    form = _form(case, browser)
    cap = Decimal(re.findall(r'max="(\d+\.\d\d)"', _text(browser.get(f"/cases/{case.pk}/")))[0])
    too_much = {**form, "offer-0-amount": str(cap + 1), "offer-0-description": "todo"}
    assert browser.post(f"/cases/{case.pk}/draft/", too_much).status_code == 204
    case.refresh_from_db()
    assert case.cause == FACTS["cause"]
    assert case.offer_edits == []  # the policy's own offer, as saved before


def test_a_weekend_date_keeps_the_saved_date_and_the_facts() -> None:
    browser, case = _draft_case()
    form = _form(case, browser)
    assert case.recommended_on is not None
    saturday = case.recommended_on + timedelta(days=(5 - case.recommended_on.weekday()) % 7 or 7)
    posted = {**form, "new_on": saturday.isoformat()}
    assert browser.post(f"/cases/{case.pk}/draft/", posted).status_code == 204
    case.refresh_from_db()
    assert case.chosen_on != saturday
    assert case.cause == FACTS["cause"]


def test_a_case_no_longer_a_draft_is_not_changed() -> None:
    browser, case = _draft_case()
    form = {**_form(case, browser), "offer-0-amount": "1000", "action": "approve"}
    browser.post(f"/cases/{case.pk}/", form)
    case.refresh_from_db()
    assert case.state == "approved"
    late = browser.post(f"/cases/{case.pk}/draft/", {**form, "cause": "otra cosa"})
    assert late.status_code == 409
    case.refresh_from_db()
    assert case.cause == FACTS["cause"]


def test_keeping_the_draft_needs_a_login_the_csrf_token_and_the_own_organisation() -> None:
    browser, case = _draft_case(csrf=True)
    form = _form(case, browser)
    assert browser.post(f"/cases/{case.pk}/draft/", form).status_code == 403
    assert browser.get(f"/cases/{case.pk}/draft/").status_code == 405
    case.refresh_from_db()
    assert case.cause == ""
