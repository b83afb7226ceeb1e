"""Failure alerts are written in the language their reader uses plazo in, like every owner alert."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from email.message import EmailMessage

import pytest
from django.contrib.auth.models import User
from django.core.mail.backends.smtp import EmailBackend

from plazo.mail.outbox import deliver_due
from plazo.store.models import Membership, Message, MessageKind, Organisation, Project
from plazo.store.services.failures.checkins import record_checkin_failure
from tests.app.factories import NOW, make_message, make_org, make_project, make_user
from tests.app.smtp_server import RecordingHandler, smtp_server

pytestmark = pytest.mark.django_db

# (the organisation's language, the owner's own, the words the alert must be written in)
READERS = [
    pytest.param("es", "en", ("Undelivered:", "could not be delivered"), id="en-reader-es-studio"),
    pytest.param("en", "es", ("No entregado:", "no se pudo entregar"), id="es-reader-en-studio"),
    pytest.param("es", "", ("No entregado:", "no se pudo entregar"), id="no-language-yet"),
]


@pytest.fixture
def handler() -> RecordingHandler:
    return RecordingHandler()


@pytest.fixture
def backend(handler: RecordingHandler) -> Iterator[EmailBackend]:
    with smtp_server(handler) as port:
        yield EmailBackend(host="127.0.0.1", port=port, timeout=5, fail_silently=False)


def _reads_plazo_in(org: Organisation, user: User, language: str) -> None:
    Membership.objects.filter(organisation=org, user=user).update(language=language)


def _project(org_language: str, owner_language: str) -> Project:
    org = make_org(language=org_language)
    owner = make_user(org, email="owner@estudio.example", first_name="Elena")
    _reads_plazo_in(org, owner, owner_language)
    return make_project(org, owner=owner, promised_on=date(2026, 12, 15))


def _queued_update(project: Project) -> Message:
    mail = EmailMessage()
    mail["From"] = "Estudio <hola@estudio.example>"
    mail["To"] = "lucia@cliente.example"
    mail["Subject"] = "Avance semanal"
    mail.set_content("Hola Lucía:\n\nEsta semana terminamos la portada.\n")
    return make_message(
        project, mime=mail.as_bytes(), recipients=["lucia@cliente.example"], state="queued"
    )


@pytest.mark.parametrize(("org_language", "owner_language", "words"), READERS)
def test_a_bounced_client_message_is_reported_in_the_owners_language(
    handler: RecordingHandler,
    backend: EmailBackend,
    org_language: str,
    owner_language: str,
    words: tuple[str, str],
) -> None:
    handler.replies.append("550 5.1.1 No such user")
    failed = _queued_update(_project(org_language, owner_language))

    deliver_due(now=NOW, rng=random.Random(1), connection=backend)

    alert = Message.objects.get(idempotency_key=f"delivery_failed:{failed.pk}")
    subject_start, sentence = words
    assert alert.language == (owner_language or org_language)
    assert alert.subject.startswith(subject_start)
    assert sentence in alert.text
    assert "Avance semanal" in alert.subject


CHECKIN_WORDS = {"en": "Check-in failed:", "es": "Falló el seguimiento:"}


@pytest.mark.parametrize(("org_language", "owner_language"), [("es", "en"), ("en", "es")])
def test_a_failed_check_in_is_reported_in_the_owners_language(
    org_language: str, owner_language: str
) -> None:
    project = _project(org_language, owner_language)

    record_checkin_failure(project, LookupError("no holidays for ZZ"), now=NOW)

    alert = Message.objects.get(project=project, kind=MessageKind.OWNER_ALERT)
    assert alert.language == owner_language
    assert alert.subject.startswith(CHECKIN_WORDS[owner_language])


def test_a_failed_check_in_reported_to_another_member_is_in_that_members_language() -> None:
    project = _project("es", "en")  # Elena reads plazo in English
    owner = make_user(project.organisation, email="")  # the owner has no address, reads Spanish
    _reads_plazo_in(project.organisation, owner, "es")
    Project.objects.filter(pk=project.pk).update(owner=owner)
    project.refresh_from_db()

    record_checkin_failure(project, LookupError("no holidays for ZZ"), now=NOW)

    alert = Message.objects.get(project=project, kind=MessageKind.OWNER_ALERT)
    assert alert.recipients == ["owner@estudio.example"]
    assert alert.language == "en"
    assert alert.subject.startswith(CHECKIN_WORDS["en"])
