"""Facts typed in another language than the client's: warned at the field, reported by the
checker, approved only when confirmed; the notice can be read in the owner's language."""

from __future__ import annotations

import re

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.store.models import DelayCase, Message
from plazo.store.services.delays.cases import approve_notice
from plazo.store.services.delays.draft import NoticeDraft
from plazo.store.services.delays.fact_languages import MixedLanguageError
from tests.app.web.test_notice_review import _draft_case, _form, _text

pytestmark = pytest.mark.django_db

ENGLISH = {
    "cause": "the payment gateway integration took longer than we estimated",
    "identified": "the bank changed their test accounts and we had to wait for new ones",
    "prevention": "we will test every outside service in the first week",
    "recovery_steps": "Finish the Stripe integration\ntwo people on the checkout until it is done",
}
WARNING = "This reads as English; the notice is in Spanish: the client will read it as typed."


def _case_with(**facts: str) -> tuple[HttpClient, DelayCase, dict[str, str]]:
    browser, case = _draft_case()
    return browser, case, _form(case, browser, **facts)


def test_english_facts_for_a_spanish_client_are_warned_at_each_field() -> None:
    browser, case, form = _case_with(**ENGLISH)
    live = _text(browser.post(f"/cases/{case.pk}/preview/", form))
    for field in ENGLISH:
        note = re.search(
            rf'<p id="lang-{field}" class="lang-note" hx-swap-oob="true">(.*?)</p>', live
        )
        assert note is not None, field
        assert WARNING in note.group(1)
    # The checker no longer calls it complete: it names the mix.
    assert "all parts present</span>" not in live
    assert 'data-testid="checker-mixed-badge"' in live
    assert "4 facts read as English in a notice in Spanish" in live
    assert 'data-testid="language-confirm"' in live


def test_the_full_page_shows_the_warning_under_the_field_too() -> None:
    browser, case, form = _case_with(**ENGLISH)
    page = _text(browser.post(f"/cases/{case.pk}/", {**form, "action": "preview"}))
    note = '<p id="lang-cause" class="lang-note"><span class="warning" data-testid="lang-warning">'
    assert note + WARNING in page
    assert 'aria-describedby="lang-cause"' in page


def test_spanish_facts_with_names_and_one_word_steps_are_not_flagged() -> None:
    browser, case, form = _case_with(recovery_steps="Stripe\ndos personas en la integración")
    live = _text(browser.post(f"/cases/{case.pk}/preview/", form))
    assert 'data-testid="lang-warning"' not in live
    assert "all parts present</span>" in live
    assert 'data-testid="language-confirm"' not in live


def test_one_english_offer_wording_is_flagged_at_its_row() -> None:
    browser, case, form = _case_with()
    assert "offer-0-description" in form
    form["offer-0-description"] = "a free month of hosting for the new shop"
    live = _text(browser.post(f"/cases/{case.pk}/preview/", form))
    note = re.search(r'<p id="lang-offer-0-description" class="lang-note"[^>]*>(.*?)</p>', live)
    assert note is not None
    assert WARNING in note.group(1)
    assert "1 fact reads as English" in live


def test_approving_english_facts_needs_the_owners_confirmation() -> None:
    browser, case, form = _case_with(**ENGLISH)
    refused = browser.post(f"/cases/{case.pk}/", {**form, "action": "approve"})
    assert refused.status_code == 200
    assert "Not sent: some facts are not in Spanish." in _text(refused)
    assert not Message.objects.filter(kind="delay_notice", delay_case=case).exists()
    case.refresh_from_db()
    assert case.state == "draft"
    confirmed = {**form, "action": "approve", "confirm_language": "yes"}
    sent = browser.post(f"/cases/{case.pk}/", confirmed, follow=True)
    assert "The delay notice is queued" in _text(sent)
    notice = Message.objects.get(kind="delay_notice", delay_case=case)
    assert ENGLISH["cause"] in notice.text  # sent as typed: plazo does not translate


def test_the_confirmation_tick_survives_the_live_preview() -> None:
    browser, case, form = _case_with(**ENGLISH)
    live = _text(browser.post(f"/cases/{case.pk}/preview/", {**form, "confirm_language": "yes"}))
    assert re.search(r'name="confirm_language" value="yes" checked', live)


def test_the_owner_can_read_the_notice_in_their_own_language_alongside() -> None:
    browser, case, form = _case_with(**ENGLISH)
    live = _text(browser.post(f"/cases/{case.pk}/preview/", form))
    own = re.search(r'data-testid="own-notice" lang="en">(.*?)</article>', live, re.S)
    assert own is not None
    assert "Lamento" not in own.group(1)  # the English template around the facts
    assert ENGLISH["cause"] in own.group(1)
    assert "Lamento mucho" in live  # the client's version is still the Spanish one
    assert 'name="show_own" value="yes" class="own-toggle" aria-controls' in live
    ticked = _text(browser.post(f"/cases/{case.pk}/preview/", {**form, "show_own": "yes"}))
    assert 'class="own-toggle" checked' in ticked


def test_a_spanish_owner_gets_no_second_version_of_a_spanish_notice() -> None:
    browser, case, form = _case_with()
    live = _text(browser.post(f"/cases/{case.pk}/preview/", form, HTTP_ACCEPT_LANGUAGE="es"))
    assert "Probabilidad de cumplir la fecha nueva" in live
    assert 'data-testid="own-notice"' not in live


def test_the_approval_service_refuses_unconfirmed_facts_in_another_language() -> None:
    """The admin's bulk approval goes through the same rule."""
    _, case = _draft_case()
    draft = NoticeDraft(
        new_on=case.recommended_on,
        cause=ENGLISH["cause"],
        identified=ENGLISH["identified"],
        prevention="validaremos cada integración externa en la primera semana",
        recovery_steps=("dos personas en la integración",),
    )
    with pytest.raises(MixedLanguageError) as refused:
        approve_notice(case, draft, now=timezone.now())
    assert [f.field for f in refused.value.facts] == ["cause", "identified"]
    assert not Message.objects.filter(kind="delay_notice", delay_case=case).exists()
