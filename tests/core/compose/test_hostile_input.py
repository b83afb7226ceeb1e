"""Client-provided text is escaped in HTML and cannot add headers."""

from __future__ import annotations

import email
from email import policy

from plazo.core.compose import Contact
from tests.core.compose.factories import (
    make_case,
    make_delay_notice,
    make_offer,
    make_organisation,
    make_project,
    make_updates,
    make_weekly_update,
)

SCRIPT = "<script>alert(1)</script>"


def test_script_in_names_and_stake_is_escaped_in_html() -> None:
    message = make_delay_notice(
        contacts=(Contact(f"Laura {SCRIPT}", "laura@bodegasribera.es"),),
        project=make_project(name=f"Tienda {SCRIPT}", stake=f"la junta {SCRIPT}"),
        case=make_case(cause=f"un fallo {SCRIPT}", recovery_steps=(f"paso {SCRIPT}",)),
        offer=make_offer(description=SCRIPT),
    )
    assert "<script" not in message.html
    assert "&lt;script&gt;" in message.html
    assert SCRIPT in message.text  # plain text keeps what was written


def test_weekly_items_are_escaped_in_html() -> None:
    updates = make_updates()
    message = make_weekly_update(
        updates=type(updates)(done=(f'<img src=x onerror="alert(1)">{SCRIPT}',), next=())
    )
    assert "<script" not in message.html
    assert "<img src=x" not in message.html


def test_newlines_in_names_and_subject_cannot_inject_headers() -> None:
    injected = "Tienda\r\nBcc: victim@example.com\nX-Evil: 1"
    message = make_weekly_update(
        organisation=make_organisation(sender_name="Estudio\r\nBcc: a@example.com"),
        contacts=(Contact("Laura\nBcc: b@example.com", "laura@bodegasribera.es"),),
        project=make_project(name=injected, owner_name="Ana\r\nX-Evil: 2"),
    )
    raw = message.to_email().as_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None
    assert parsed["X-Evil"] is None
    assert "\n" not in message.subject
    assert message.subject.startswith("Tienda Bcc: victim@example.com X-Evil: 1")
    assert parsed.get_all("To") == ['"Laura Bcc: b@example.com" <laura@bodegasribera.es>']
    assert message.recipients == ("laura@bodegasribera.es",)
