"""S5: a delay case is opened after a confirmation, and a draft can be discarded with a reason;
a sent one cannot. The portfolio stops ranking a discarded case first."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plazo.store.models import DelayCase, Message
from tests.app.factories import make_client
from tests.app.web.test_notice_review import _draft_case, _form, _text
from tests.app.web.test_studio_editing import _new_project, _studio_browser

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "button", "on_track"),
    [
        ("en", "Open the delay case", "The forecast still expects to keep the promise"),
        ("es", "Abrir el caso de retraso", "La previsión aún espera cumplir lo prometido"),
    ],
)
def test_the_project_page_asks_before_opening_a_case(
    language: str, button: str, on_track: str
) -> None:
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org))
    browser.post(reverse("web:project_items", args=[project.pk]), {"lines": "A, 2h"})
    page = _text(browser.get(reverse("web:project", args=[project.pk])))
    link = f'<a class="button" href="{reverse("web:delay_case_open", args=[project.pk])}">'
    assert link in page  # a link to the confirmation, not a form that opens a case
    confirm = _text(
        browser.get(
            reverse("web:delay_case_open", args=[project.pk]), HTTP_ACCEPT_LANGUAGE=language
        )
    )
    assert button in confirm
    assert on_track in confirm
    assert not DelayCase.objects.filter(project=project).exists()


def test_a_draft_is_discarded_with_its_reason_and_leaves_the_top_of_the_portfolio() -> None:
    browser, case = _draft_case()
    portfolio = _text(browser.get(reverse("web:portfolio")))
    assert "Review the delay notice" in portfolio
    page = _text(browser.get(f"/cases/{case.pk}/"))
    assert 'data-testid="discard-draft"' in page
    alert = Message.objects.get(delay_case=case, kind="owner_alert")
    assert alert.state == "queued"

    response = browser.post(
        reverse("web:delay_case_discard", args=[case.pk]),
        {"reason": "abierto por error"},
        follow=True,
    )

    assert "The draft delay case was discarded; nothing was sent." in _text(response)
    case.refresh_from_db()
    assert case.state == "cancelled"
    assert case.closed_reason == "abierto por error"
    assert case.closed_at is not None
    alert.refresh_from_db()
    assert alert.state == "cancelled"  # its review is no longer asked for
    assert not Message.objects.filter(delay_case=case, kind="delay_notice").exists()
    assert "Review the delay notice" not in _text(browser.get(reverse("web:portfolio")))
    history = _text(browser.get(f"/cases/{case.pk}/"))
    assert 'data-testid="discarded"' in history
    assert "abierto por error" in history
    assert 'name="action"' not in history


def test_discarding_needs_a_reason() -> None:
    browser, case = _draft_case()
    response = browser.post(
        reverse("web:delay_case_discard", args=[case.pk]), {"reason": "  "}, follow=True
    )
    assert "Say why the draft is discarded; nothing changed." in _text(response)
    case.refresh_from_db()
    assert case.state == "draft"


def test_an_approved_case_cannot_be_discarded() -> None:
    browser, case = _draft_case()
    form = {**_form(case, browser), "offer-0-amount": "1000", "action": "approve"}
    browser.post(f"/cases/{case.pk}/", form)
    case.refresh_from_db()
    assert case.state == "approved"
    assert 'data-testid="discard-draft"' not in _text(browser.get(f"/cases/{case.pk}/"))
    response = browser.post(
        reverse("web:delay_case_discard", args=[case.pk]), {"reason": "ya no"}, follow=True
    )
    assert "Only a draft can be discarded" in _text(response)
    case.refresh_from_db()
    assert case.state == "approved"
    assert case.closed_reason == ""


def test_the_discard_form_speaks_spanish() -> None:
    browser, case = _draft_case()
    page = _text(browser.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="es"))
    assert "Descartar este borrador" in page
