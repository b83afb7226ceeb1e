"""The owner hears, in their language (else the organisation's), that something failed for good."""

from __future__ import annotations

from typing import Any

import pytest

from plazo.core.compose import ComposeError, Message, compose_delivery_failed
from plazo.core.compose.checkin_failed import compose_checkin_failed
from tests.core.compose.factories import SENT_AT, make_organisation, make_project


def _delivery_failed(**inputs: Any) -> Message:
    """The alert for a weekly update Lucía's server refused; ``inputs`` replace any input."""
    args: dict[str, Any] = {
        "organisation": make_organisation(),
        "project": make_project("es"),
        "failed_subject": "Avance semanal",
        "recipients": ["lucia@cliente.example"],
        "error": "550 No such user",
        "outbox_url": "https://plazo.example/outbox/",
        "sent_at": SENT_AT,
        "message_key": "failed-7",
    }
    return compose_delivery_failed(**{**args, **inputs})


@pytest.mark.parametrize(
    ("language", "words"), [("es", "no se pudo entregar"), ("en", "could not be delivered")]
)
def test_the_alert_names_the_message_the_address_and_the_error(language: str, words: str) -> None:
    message = _delivery_failed(
        organisation=make_organisation(language=language),
        project=make_project(language),
        failed_subject="Avance\nsemanal",
        error="SMTPRecipientsRefused: 550 No such user",
    )
    assert words in message.text
    assert "550 No such user" in message.text
    assert "Avance semanal" in message.subject
    assert message.header("Auto-Submitted") == "auto-generated"
    assert message.recipients == (make_project(language).owner_email,)


def test_the_alert_needs_a_link_to_the_outbox() -> None:
    with pytest.raises(ComposeError, match="outbox"):
        _delivery_failed(
            failed_subject="x", recipients=[], error="x", outbox_url="/outbox/", message_key="k"
        )


@pytest.mark.parametrize(
    ("organisation_language", "reader", "words"),
    [("es", "en", "could not be delivered"), ("en", "es", "no se pudo entregar")],
)
def test_the_delivery_alert_is_in_the_readers_language(
    organisation_language: str, reader: str, words: str
) -> None:
    message = _delivery_failed(
        organisation=make_organisation(language=organisation_language),
        project=make_project(reader),
        language=reader,
    )
    assert (message.language, words in message.text) == (reader, True)


@pytest.mark.parametrize(
    ("organisation_language", "reader", "subject"),
    [("es", "en", "Check-in failed: "), ("en", "es", "Falló el seguimiento: ")],
)
def test_the_check_in_alert_is_in_the_readers_language(
    organisation_language: str, reader: str, subject: str
) -> None:
    message = compose_checkin_failed(
        make_organisation(language=organisation_language),
        make_project(reader),
        reason="no holidays for ZZ",
        project_url="https://plazo.example/projects/7/",
        sent_at=SENT_AT,
        message_key="checkin-failed-7",
        language=reader,
    )
    assert (message.language, message.subject) == (reader, subject + make_project(reader).name)
