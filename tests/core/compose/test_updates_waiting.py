"""The approvals alert: one e-mail lists every update that waits, in the reader's language."""

from __future__ import annotations

import pytest

from plazo.core.compose import ComposeError
from plazo.core.compose.updates_waiting import WaitingUpdate, compose_updates_waiting
from tests.core.compose.factories import SENT_AT, make_organisation, make_project

WAITING = [
    WaitingUpdate("Tienda en línea", "Grupo Textil Oaxaca"),
    WaitingUpdate("Museum website rebuild", "Northern Rail Heritage Trust"),
]


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("en", "2 weekly updates await your approval", "only once you send them"),
        ("es", "2 actualizaciones semanales esperan tu aprobación", "hasta que las envíes"),
    ],
)
def test_one_alert_lists_every_waiting_update(language: str, subject: str, words: str) -> None:
    message = compose_updates_waiting(
        make_organisation(language="es"),
        make_project(language),
        WAITING,
        week_url="https://plazo.example/week/",
        sent_at=SENT_AT,
        message_key="updates_waiting-1-2-2026-11-30T08-00Z",
        language=language,
    )
    assert message.subject == subject
    assert words in message.text
    assert "- Tienda en línea (Grupo Textil Oaxaca)" in message.text
    assert "- Museum website rebuild (Northern Rail Heritage Trust)" in message.text
    assert "https://plazo.example/week/" in message.text
    assert 'href="https://plazo.example/week/"' in message.html
    assert message.recipients == (make_project(language).owner_email,)
    assert message.header("Auto-Submitted") == "auto-generated"


def test_one_waiting_update_is_named_in_the_subject() -> None:
    message = compose_updates_waiting(
        make_organisation(language="en"),
        make_project("en"),
        WAITING[:1],
        week_url="https://plazo.example/week/",
        sent_at=SENT_AT,
        message_key="k",
    )
    assert message.subject == "A weekly update awaits your approval: Tienda en línea"
    assert "the client gets it only once you send it" in message.text


def test_the_alert_needs_a_link_and_something_waiting() -> None:
    with pytest.raises(ComposeError, match=r"link to This week[\s\S]*at least one"):
        compose_updates_waiting(
            make_organisation(),
            make_project("es"),
            [],
            week_url="/week/",
            sent_at=SENT_AT,
            message_key="k",
        )
