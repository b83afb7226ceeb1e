"""Forgot your password? The login page links to a reset form that queues an e-mail in the
outbox (never sent inside the request), says the same for every address, and whose link lets the
person choose a new password under the same rules as every other password."""

from __future__ import annotations

import random
import re
from email import message_from_bytes
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from plazo.store.models import Membership, Message
from plazo.store.services.access.login_throttle import record_failure, user_key
from plazo.worker.due import run_due_work
from tests.app.factories import make_org, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "otra-clave-larga-7"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def _member(language: str = "") -> Membership:
    org = make_org(name="Pixel & Thread", language="en", sender_email="hello@pixel.example")
    user = make_user(org, email="aisha@pixel.example", first_name="Aisha")
    membership = Membership.objects.get(user=user)
    if language:
        membership.language = language
        membership.save(update_fields=["language"])
    return membership


def _ask(email: str, browser: HttpClient | None = None) -> HttpClient:
    browser = browser or HttpClient()
    response = browser.post(reverse("web:password_reset"), {"email": email})
    assert response.status_code == 302, response.content
    assert response["Location"] == reverse("web:password_reset_sent")
    return browser


def _sent_text(message: Message) -> str:
    parsed = message_from_bytes(bytes(message.mime))
    part = next(p for p in parsed.walk() if p.get_content_type() == "text/plain")
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode("utf-8")


def _link(message: Message) -> str:
    found = re.search(r"https?://\S+/password-reset/[^/\s]+/[^/\s]+/", _sent_text(message))
    assert found is not None
    return urlsplit(found.group(0)).path


def test_the_login_page_links_to_the_reset_form() -> None:
    _member()
    page = HttpClient().get(reverse("web:login"))
    assert reverse("web:password_reset") in page.content.decode()
    assert "Forgot your password?" in page.content.decode()


def test_a_reset_is_queued_in_the_persons_language_and_sent_by_the_worker_only() -> None:
    _member(language="es")
    _ask("Aisha@Pixel.example")
    assert mail.outbox == []  # nothing sent inside the request
    queued = Message.objects.get(kind="password_reset")
    assert (queued.state, queued.language, queued.recipients) == (
        "queued",
        "es",
        ["aisha@pixel.example"],
    )
    assert "contraseña nueva" in queued.subject
    assert "/password-reset/" not in queued.text  # the outbox page never shows the link
    assert "/password-reset/" in _sent_text(queued)
    run_due_work(now=timezone.now(), rng=random.Random(1), checkins=False)
    assert len(mail.outbox) == 1
    assert Message.objects.get(pk=queued.pk).state == "sent"


def test_every_address_gets_the_same_answer_and_only_an_account_gets_mail() -> None:
    _member()
    known = HttpClient().post(reverse("web:password_reset"), {"email": "aisha@pixel.example"})
    cache.clear()
    unknown = HttpClient().post(reverse("web:password_reset"), {"email": "nobody@pixel.example"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    sent = HttpClient().get(known["Location"])
    assert "If an account uses this address" in sent.content.decode()
    assert Message.objects.filter(kind="password_reset").count() == 1


def test_the_link_sets_a_new_password_held_to_the_validators() -> None:
    _member()
    _ask("aisha@pixel.example")
    browser = HttpClient()
    form = browser.get(_link(Message.objects.get(kind="password_reset")), follow=True)
    assert form.status_code == 200
    assert "aisha@pixel.example" in form.content.decode()
    page = form.redirect_chain[-1][0]
    weak = browser.post(page, {"new_password1": "aisha", "new_password2": "aisha"})
    assert weak.status_code == 200
    assert "too short" in weak.content.decode()
    done = browser.post(page, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert HttpClient().login(username="aisha@pixel.example", password=NEW_PASSWORD)
    assert not HttpClient().login(username="aisha@pixel.example", password="pw-for-tests")
    again = HttpClient().get(_link(Message.objects.get(kind="password_reset")), follow=True)
    assert again.status_code == 404  # used once


def test_a_second_request_within_minutes_queues_no_second_mail() -> None:
    _member()
    _ask("aisha@pixel.example")
    _ask("aisha@pixel.example")
    assert Message.objects.filter(kind="password_reset").count() == 1


def test_an_address_is_limited_and_a_paused_account_is_refused() -> None:
    _member()
    browser = HttpClient()
    for n in range(5):
        _ask(f"someone{n}@pixel.example", browser)
    over = browser.post(reverse("web:password_reset"), {"email": "aisha@pixel.example"})
    assert over.status_code == 429
    cache.clear()
    for _ in range(10):
        record_failure(
            [user_key("aisha@pixel.example")],
            now=timezone.now(),
            address="10.0.0.9",
            where="/login/",
        )
    paused = HttpClient().post(reverse("web:password_reset"), {"email": "aisha@pixel.example"})
    assert paused.status_code == 429
    assert "paused" in paused.content.decode()
    assert not Message.objects.filter(kind="password_reset").exists()


def test_the_reset_form_speaks_spanish() -> None:
    page = HttpClient().get(reverse("web:password_reset"), HTTP_ACCEPT_LANGUAGE="es")
    assert "¿Ha olvidado su contraseña?" in page.content.decode()


def test_the_spanish_reset_mail_greets_by_name_and_speaks_as_the_pages_do() -> None:
    _member(language="es")
    _ask("aisha@pixel.example")
    text = _sent_text(Message.objects.get(kind="password_reset"))
    assert text.startswith("Hola, Aisha:")
    assert "abra este enlace" in text
    assert "Su contraseña actual sigue valiendo hasta que elija otra" in text
    for informal in ("abre ", "Tu contraseña", "elijas", "lo has pedido tú", "hagas"):
        assert informal not in text


def test_the_english_reset_mail_greets_by_name() -> None:
    _member()
    _ask("aisha@pixel.example")
    assert _sent_text(Message.objects.get(kind="password_reset")).startswith("Hi Aisha,")


def test_the_sent_page_says_the_mail_waits_when_no_worker_runs() -> None:
    page = HttpClient().get(reverse("web:password_reset_sent")).content.decode()
    assert 'data-testid="reset-waiting"' in page
    assert "outbox. It leaves when plazo" in page
    assert "on its way" not in page


def test_the_sent_page_says_the_mail_is_on_its_way_while_a_worker_runs() -> None:
    from plazo.worker.tasks import ensure_tick_scheduled

    ensure_tick_scheduled()  # what a starting worker does
    page = HttpClient().get(reverse("web:password_reset_sent"), HTTP_ACCEPT_LANGUAGE="es")
    assert "normalmente en un par de minutos" in page.content.decode()
