"""The owners' lockout alert says who, from where, until when, and how to lift it; safely."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from plazo.core.compose.errors import ComposeError
from plazo.core.compose.lockout_alert import compose_lockout_alert
from plazo.core.compose.message import Message

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def _alert(**changes: object) -> Message:
    values: dict[str, object] = {
        "language": "en",
        "sender": ("Estudio Lumbre", "hola@lumbre.example"),
        "to": [("Jefa", "jefa@lumbre.example")],
        "who": "ana",
        "address": "203.0.113.9",
        "where": "/login/",
        "failures": 10,
        "locked_until": datetime(2026, 12, 6, 9, 15, tzinfo=UTC),
        "time_zone": "Europe/Madrid",
        "unlock_command": "plazo unlock ana",
        "sent_at": NOW,
        "message_key": "lockout:1",
    }
    values.update(changes)
    return compose_lockout_alert(**values)  # type: ignore[arg-type]


def test_the_alert_names_the_account_the_address_the_end_and_the_command() -> None:
    alert = _alert()
    assert alert.subject == "plazo: log-ins for ana are paused until 2026-12-06 10:15 CET"
    text = alert.text
    assert "10 log-ins for ana failed in a row (the last from 203.0.113.9" in text
    assert "plazo unlock ana" in text
    assert alert.recipients == ("jefa@lumbre.example",)


def test_a_hostile_user_name_cannot_break_the_headers_or_the_html() -> None:
    alert = _alert(who="<script>x</script>\r\nBcc: evil@example.com", language="es")
    assert "\n" not in alert.subject
    assert "<script>" not in alert.html
    assert alert.to_email()["Bcc"] is None
    assert alert.subject.startswith("plazo: el acceso de")


def test_an_alert_without_an_owner_address_is_refused() -> None:
    with pytest.raises(ComposeError):
        _alert(to=[])
