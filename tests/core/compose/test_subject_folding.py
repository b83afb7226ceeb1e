"""A long subject starts on the Subject line itself: never ``Subject:`` alone, then the value."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from plazo.core.compose import compose_owner_alert
from tests.core.compose.factories import SENT_AT, make_forecast, make_organisation, make_project


@pytest.mark.parametrize(
    ("project", "client"),
    [
        ("Museum website rebuild", "Northern Rail Heritage Trust"),  # outsider3's W9: 74 chars
        ("Tienda en línea", "Grupo Textil Oaxaca, S.A. de C.V."),
        ("A" * 30, "B" * 30),
        ("Short", "Acme"),
    ],
)
def test_the_subject_begins_on_its_own_line(project: str, client: str) -> None:
    message = compose_owner_alert(
        make_organisation(language="en"),
        make_project("en", name=project),
        make_forecast(),
        client_name=client,
        draft_url="https://plazo.example/cases/7/",
        sent_at=SENT_AT,
    )
    data = message.to_email().as_bytes()
    lines = data.split(b"\r\n")
    subject = next(i for i, line in enumerate(lines) if line.startswith(b"Subject:"))
    assert lines[subject].startswith(b"Subject: "), lines[subject]
    assert all(len(line) <= 78 for line in lines[: lines.index(b"")])
    # Unfolded, it is the subject as composed.
    assert message_from_bytes(data, policy=policy.default)["Subject"] == message.subject
