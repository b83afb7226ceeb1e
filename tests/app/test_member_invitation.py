"""Inviting a colleague queues an e-mail in the outbox; the worker sends it; its link works."""

from __future__ import annotations

import random
import re
import socket
from email import message_from_bytes
from email.message import Message as EmailMessage
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client as HttpClient
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from plazo.store.models import Membership, Message, Organisation
from plazo.worker.due import run_due_work
from tests.app.factories import make_org, make_user
from tests.app.smtp_server import RecordingHandler, smtp_server

pytestmark = pytest.mark.django_db


def _owner_browser(language: str = "es") -> tuple[HttpClient, Organisation]:
    org = make_org(name="Estudio Norte", language=language, sender_email="hola@norte.example")
    owner = make_user(org, first_name="Ana", last_name="Torres", email="ana@norte.example")
    browser = HttpClient()
    browser.force_login(owner)
    return browser, org


def _invite(browser: HttpClient, email: str, role: str = "member") -> str:
    response = browser.post(reverse("web:members"), {"email": email, "role": role})
    assert response.status_code == 200, response.content
    return response.content.decode()


def _deliver(*replies: str) -> list[EmailMessage]:
    """One worker pass against a real SMTP server on loopback, which first answers with
    ``replies``; the mail it received."""
    handler = RecordingHandler(replies=list(replies))
    with (
        smtp_server(handler) as port,
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ),
    ):
        run_due_work(now=timezone.now(), rng=random.Random(1), checkins=False)
    return [message_from_bytes(envelope.content) for envelope in handler.received]


def _text(received: EmailMessage) -> str:
    part = next(p for p in received.walk() if p.get_content_type() == "text/plain")
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode("utf-8")


def test_inviting_queues_an_invitation_and_sends_nothing_during_the_request() -> None:
    browser, org = _owner_browser()
    page = _invite(browser, "luis@example.com")
    assert mail.outbox == []  # never sent inside the request
    queued = Message.objects.get(kind="invitation")
    assert queued.organisation_id == org.pk
    assert queued.project is None
    assert (queued.state, queued.language, queued.recipients) == (
        "queued",
        "es",
        ["luis@example.com"],
    )
    assert "Ana Torres te invita a Estudio Norte" in queued.subject
    assert "luis@example.com has been added as a member." in page
    assert "An invitation e-mail is queued" in page
    assert "/invitation/" in page  # the link stays on the page, in case the e-mail goes astray


def test_the_worker_delivers_the_invitation_and_its_link_lets_them_choose_a_password() -> None:
    browser, _org = _owner_browser()
    _invite(browser, "Luis@Example.com")
    received = _deliver()
    assert len(received) == 1
    assert received[0]["To"] == "luis@example.com"
    text = _text(received[0])
    link = re.search(r"https?://\S+/invitation/\S+/", text)
    assert link is not None, text
    assert Message.objects.get(kind="invitation").state == "sent"
    assert _deliver() == []  # sent once

    newcomer = HttpClient()
    form = newcomer.get(urlsplit(link.group(0)).path, follow=True)
    assert form.status_code == 200
    assert b'name="new_password1"' in form.content
    chosen = newcomer.post(
        form.redirect_chain[-1][0],
        {"new_password1": "una-clave-larga-2", "new_password2": "una-clave-larga-2"},
    )
    assert chosen.status_code == 302
    fresh = HttpClient()
    assert fresh.login(username="luis@example.com", password="una-clave-larga-2")


def test_someone_with_an_account_is_told_to_log_in_in_the_organisations_language() -> None:
    make_user(make_org(), email="marta@example.com", username="marta")
    browser, org = _owner_browser(language="en")
    _invite(browser, "marta@example.com", role="owner")
    assert Membership.objects.get(organisation=org, user__username="marta").role == "owner"
    (received,) = _deliver()
    text = _text(received)
    assert "as an owner" in text
    assert "/login/" in text
    assert "/invitation/" not in text


def test_a_refused_invitation_queues_nothing() -> None:
    browser, _org = _owner_browser()
    _invite(browser, "luis@example.com")
    again = _invite(browser, "luis@example.com")
    assert "already a member" in again
    assert Message.objects.filter(kind="invitation").count() == 1


REJECTED = "550 5.1.1 <luis@example.com>: Recipient address rejected: User unknown"


def _failed_invitation() -> tuple[HttpClient, Organisation, Membership]:
    """An owner's invitation whose e-mail the server refused for good."""
    browser, org = _owner_browser(language="en")
    _invite(browser, "luis@example.com")
    assert _deliver(REJECTED) == []
    invitation = Message.objects.get(kind="invitation")
    assert invitation.state == "failed"
    return browser, org, Membership.objects.get(organisation=org, user__email="luis@example.com")


def test_a_failed_invitation_shows_on_the_members_page_and_is_sent_again() -> None:
    owner, org, membership = _failed_invitation()
    browser = HttpClient(enforce_csrf_checks=True)
    browser.force_login(Membership.objects.get(organisation=org, role="owner").user)
    page = browser.get(reverse("web:members")).content.decode()
    assert "The invitation e-mail could not be delivered:" in page
    assert "Recipient address rejected" in page
    resend = reverse("web:invitation_resend", args=[membership.pk])
    assert f'action="{resend}"' in page

    assert browser.post(resend).status_code == 403  # no CSRF token
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    done = browser.post(resend, {"csrfmiddlewaretoken": token.group(1)}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("web:members")
    after = done.content.decode()
    assert "The invitation to luis@example.com is queued again" in after
    assert "/invitation/" in after  # a fresh one-time link, in case this one goes astray too
    assert "The invitation e-mail could not be delivered:" not in after

    again = Message.objects.filter(kind="invitation").order_by("pk")
    assert [m.state for m in again] == ["failed", "queued"]
    assert again[1].idempotency_key == f"invitation:{membership.pk}:2"
    # A second click, once it is queued, sends nothing more.
    owner.post(resend)
    assert Message.objects.filter(kind="invitation").count() == 2

    (received,) = _deliver()
    assert received["To"] == "luis@example.com"
    link = re.search(r"https?://\S+/invitation/\S+/", _text(received))
    assert link is not None
    form = HttpClient().get(urlsplit(link.group(0)).path, follow=True)
    assert b'name="new_password1"' in form.content


def test_only_an_owner_of_the_same_organisation_resends_an_invitation() -> None:
    _owner, org, membership = _failed_invitation()
    resend = reverse("web:invitation_resend", args=[membership.pk])
    member = HttpClient()
    member.force_login(make_user(org, email="mia@example.com"))
    Membership.objects.filter(user__email="mia@example.com").update(role="member")
    assert "Send the invitation again" not in member.get(reverse("web:members")).content.decode()
    refused = member.post(resend, follow=True)
    assert "Only an owner can invite people." in refused.content.decode()
    other = HttpClient()
    other.force_login(make_user(make_org(), email="olga@other.example"))
    assert other.post(resend).status_code == 404
    assert other.get(resend).status_code == 405
    assert Message.objects.filter(kind="invitation").count() == 1


def _closed_port() -> int:
    """A loopback port nobody listens on: the mail server is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_invitation_waiting_to_retry_while_the_server_is_down_is_sent_again_now() -> None:
    browser, org = _owner_browser(language="en")
    _invite(browser, "luis@example.com")
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=_closed_port(),
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
    ):
        run_due_work(now=timezone.now(), rng=random.Random(1), checkins=False)
    waiting = Message.objects.get(kind="invitation")
    assert waiting.state == "retry"  # plazo would try again by itself, minutes to hours later
    membership = Membership.objects.get(organisation=org, user__email="luis@example.com")
    page = browser.get(reverse("web:members")).content.decode()
    assert "Connection refused" in page
    assert "Send the invitation again" in page

    done = browser.post(reverse("web:invitation_resend", args=[membership.pk]), follow=True)

    assert "The invitation to luis@example.com is queued again" in done.content.decode()
    again = Message.objects.filter(kind="invitation").order_by("pk")
    assert [m.state for m in again] == ["cancelled", "queued"]  # only the new one can go out
    (received,) = _deliver()  # the server is back: one invitation arrives, not two
    assert received["To"] == "luis@example.com"


def test_an_invitation_on_its_way_is_not_sent_again() -> None:
    browser, org = _owner_browser(language="en")
    _invite(browser, "luis@example.com")
    membership = Membership.objects.get(organisation=org, user__email="luis@example.com")
    Message.objects.filter(kind="invitation").update(state="sending")

    refused = browser.post(reverse("web:invitation_resend", args=[membership.pk]), follow=True)

    assert "has not failed (it is sending)" in refused.content.decode()
    assert Message.objects.filter(kind="invitation").count() == 1


def test_in_spanish_the_invitation_is_told_as_done_and_roles_and_refusals_are_spanish() -> None:
    browser, _org = _owner_browser()
    browser.cookies["django_language"] = "es"
    page = browser.get(reverse("web:members")).content.decode()
    assert '<option value="member" selected>miembro</option>' in page
    assert '<option value="owner">responsable</option>' in page
    page = _invite(browser, "pablo@example.com")
    assert "Se ha añadido a pablo@example.com como miembro." in page
    assert "ya es miembro" not in page
    page = _invite(browser, "pablo@example.com")
    assert "pablo@example.com ya pertenece a Estudio Norte." in page
    assert "is already a member" not in page
    page = _invite(browser, "rosa@example.com", role="owner")
    assert "Se ha añadido a rosa@example.com como responsable." in page


def test_the_invitation_is_written_in_the_language_chosen_for_the_person() -> None:
    browser, org = _owner_browser(language="es")
    response = browser.post(
        reverse("web:members"), {"email": "priya@example.com", "role": "member", "language": "en"}
    )
    assert response.status_code == 200, response.content
    queued = Message.objects.get(kind="invitation")
    assert queued.language == "en"
    assert "Ana Torres" in queued.subject
    assert "te invita" not in queued.subject
    membership = Membership.objects.get(organisation=org, user__email="priya@example.com")
    assert membership.language == "en"  # their alerts follow it too


def test_the_invitation_form_offers_the_organisations_language_by_default() -> None:
    browser, _ = _owner_browser(language="es")
    page = browser.get(reverse("web:members")).content.decode()
    assert 'name="language"' in page
    _invite(browser, "luis@example.com")  # no language posted: the organisation's
    assert Message.objects.get(kind="invitation").language == "es"
    assert Membership.objects.get(user__email="luis@example.com").language == ""


def test_an_invitee_cannot_choose_a_weak_password_and_is_told_so_in_their_language() -> None:
    browser, _org = _owner_browser(language="es")
    _invite(browser, "luisa@example.com")
    (received,) = _deliver()
    link = re.search(r"https?://\S+/invitation/\S+/", _text(received))
    assert link is not None
    newcomer = HttpClient()
    form = newcomer.get(urlsplit(link.group(0)).path, follow=True)
    assert "Estudio Norte" in form.content.decode()  # which organisation the link is for
    page = form.redirect_chain[-1][0]
    for weak in ("luisa", "12345678", "password"):
        refused = newcomer.post(page, {"new_password1": weak, "new_password2": weak})
        assert refused.status_code == 200, weak
    short = newcomer.post(page, {"new_password1": "luisa", "new_password2": "luisa"})
    assert "demasiado corta" in short.content.decode()
    assert "luisa@example.com" in short.content.decode()
    assert not HttpClient().login(username="luisa@example.com", password="luisa")
