"""Client-provided text is escaped in HTML and cannot add headers."""

from __future__ import annotations

import email
from email import policy

from plazo.core.compose import Contact, compose_delay_notice, compose_weekly_update
from tests.core.compose.factories import (
    SENT_AT,
    make_case,
    make_client,
    make_contacts,
    make_forecast,
    make_offer,
    make_organisation,
    make_project,
    make_updates,
)

SCRIPT = "<script>alert(1)</script>"


def test_script_in_names_and_stake_is_escaped_in_html() -> None:
    message = compose_delay_notice(
        make_organisation(),
        make_client(),
        (Contact(f"Laura {SCRIPT}", "laura@bodegasribera.es"),),
        make_project(name=f"Tienda {SCRIPT}", stake=f"la junta {SCRIPT}"),
        make_case(cause=f"un fallo {SCRIPT}", recovery_steps=(f"paso {SCRIPT}",)),
        make_offer(description=SCRIPT),
        sent_at=SENT_AT,
        sequence=1,
    )
    assert "<script" not in message.html
    assert "&lt;script&gt;" in message.html
    assert SCRIPT in message.text  # plain text keeps what was written


def test_weekly_items_are_escaped_in_html() -> None:
    updates = make_updates()
    message = compose_weekly_update(
        make_organisation(),
        make_client(),
        make_contacts(),
        make_project(),
        make_forecast(),
        type(updates)(done=(f'<img src=x onerror="alert(1)">{SCRIPT}',), next=()),
        sent_at=SENT_AT,
    )
    assert "<script" not in message.html
    assert "<img src=x" not in message.html


def test_newlines_in_names_and_subject_cannot_inject_headers() -> None:
    injected = "Tienda\r\nBcc: victim@example.com\nX-Evil: 1"
    message = compose_weekly_update(
        make_organisation(sender_name="Estudio\r\nBcc: a@example.com"),
        make_client(),
        (Contact("Laura\nBcc: b@example.com", "laura@bodegasribera.es"),),
        make_project(name=injected, owner_name="Ana\r\nX-Evil: 2"),
        make_forecast(),
        make_updates(),
        sent_at=SENT_AT,
    )
    raw = message.to_email().as_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None
    assert parsed["X-Evil"] is None
    assert "\n" not in message.subject
    assert message.subject.startswith("Tienda Bcc: victim@example.com X-Evil: 1")
    assert parsed.get_all("To") == ['"Laura Bcc: b@example.com" <laura@bodegasribera.es>']
    assert message.recipients == ("laura@bodegasribera.es",)
