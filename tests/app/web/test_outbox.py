"""The outbox page and its actions: retry a failed message, cancel an unsent one."""

from __future__ import annotations

import pytest
from django.utils import timezone

from plazo.store.models import Message
from plazo.store.services.outbox.actions import (
    OutboxActionError,
    cancel_message,
    retry_message,
)
from tests.app.factories import make_org, make_project
from tests.app.web.helpers import browser_for, send

pytestmark = pytest.mark.django_db


def test_the_outbox_lists_state_attempts_error_and_next_attempt() -> None:
    org = make_org()
    project = make_project(org)
    send(project, subject="Falló", state="failed", attempts=5, last_error="SMTP 550 no such user")
    page = browser_for(org)[0].get("/outbox/").content.decode()
    assert "Falló" in page
    assert "failed" in page
    assert "SMTP 550 no such user" in page
    assert "Retry now" in page


@pytest.mark.parametrize("state", ["failed", "retry"])
def test_retry_queues_the_message_for_the_next_pass(state: str) -> None:
    org = make_org()
    message = send(make_project(org), state=state, sent_at=None, last_error="boom")
    now = timezone.now()

    retried = retry_message(org, message.pk, now=now)

    assert retried.state == "queued"
    assert retried.next_attempt_at == now


@pytest.mark.parametrize("state", ["sent", "queued", "sending", "cancelled", "draft"])
def test_only_failed_or_waiting_messages_can_be_retried(state: str) -> None:
    org = make_org()
    sent_at = timezone.now() if state == "sent" else None
    message = send(make_project(org), state=state, sent_at=sent_at)
    with pytest.raises(OutboxActionError):
        retry_message(org, message.pk, now=timezone.now())
    assert Message.objects.get(pk=message.pk).state == state


@pytest.mark.parametrize("state", ["queued", "retry", "draft"])
def test_cancel_stops_an_unsent_message(state: str) -> None:
    org = make_org()
    message = send(make_project(org), state=state, sent_at=None)
    assert cancel_message(org, message.pk, now=timezone.now()).state == "cancelled"


@pytest.mark.parametrize("state", ["sent", "sending", "failed", "cancelled"])
def test_a_sent_or_sending_message_cannot_be_cancelled(state: str) -> None:
    org = make_org()
    sent_at = timezone.now() if state == "sent" else None
    message = send(make_project(org), state=state, sent_at=sent_at)
    with pytest.raises(OutboxActionError):
        cancel_message(org, message.pk, now=timezone.now())


def test_the_actions_only_see_their_own_organisation() -> None:
    theirs = make_org()
    message = send(make_project(theirs), state="failed", sent_at=None)
    with pytest.raises(Message.DoesNotExist):
        retry_message(make_org(), message.pk, now=timezone.now())
    assert Message.objects.get(pk=message.pk).state == "failed"


def test_retry_from_the_page_redirects_with_a_notice() -> None:
    org = make_org()
    message = send(make_project(org), state="failed", sent_at=None)
    browser, _ = browser_for(org)

    response = browser.post(f"/outbox/{message.pk}/retry/", follow=True)

    assert Message.objects.get(pk=message.pk).state == "queued"
    assert "queued again" in response.content.decode()


def test_an_action_the_state_does_not_allow_changes_nothing_and_says_why() -> None:
    org = make_org()
    message = send(make_project(org))
    browser, _ = browser_for(org)

    response = browser.post(f"/outbox/{message.pk}/cancel/", follow=True)

    assert Message.objects.get(pk=message.pk).state == "sent"
    assert "Nothing changed" in response.content.decode()


def test_the_state_filter_narrows_the_list() -> None:
    org = make_org()
    project = make_project(org)
    send(project, subject="Ya enviado")
    send(project, subject="En cola", state="queued", sent_at=None)
    page = browser_for(org)[0].get("/outbox/", {"state": "queued"}).content.decode()
    assert "En cola" in page
    assert "Ya enviado" not in page


def test_a_long_outbox_is_split_into_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("plazo.store.services.pages.outbox.OUTBOX_PAGE_SIZE", 2)
    org = make_org()
    project = make_project(org)
    for n in range(3):
        send(project, subject=f"Mensaje {n}")
    browser, _ = browser_for(org)

    first = browser.get("/outbox/").content.decode()
    second = browser.get("/outbox/", {"page": 2}).content.decode()

    assert "Page 1 of 2" in first
    assert first.count('<th scope="row"') == 2
    assert second.count('<th scope="row"') == 1
