"""A new colleague hears, in the organisation's language, who invited them and where to start."""

from __future__ import annotations

from dataclasses import replace

import pytest

from plazo.core.compose import ComposeError, Message, compose_invitation
from tests.core.compose.factories import SENT_AT, make_organisation

LINK = "https://plazo.example/invitation/MTI/abc-123/"


def _invitation(language: str, **changes: object) -> Message:
    fields: dict[str, object] = {
        "to_email": "luis@example.com",
        "inviter_name": "Ana Torres",
        "inviter_email": "ana@example.com",
        "role": "member",
        "link": LINK,
        "new_account": True,
        "sent_at": SENT_AT,
        "message_key": "invitation-7",
        **changes,
    }
    organisation = replace(make_organisation(), language=language)
    return compose_invitation(organisation, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("es", "Ana Torres te invita a Estudio Norte en plazo", "elige tu contraseña"),
        ("en", "Ana Torres invited you to Estudio Norte on plazo", "choose your password"),
    ],
)
def test_the_invitation_names_the_inviter_the_studio_and_the_link_to_set_a_password(
    language: str, subject: str, words: str
) -> None:
    message = _invitation(language)
    assert message.kind == "invitation"
    assert message.language == language
    assert message.subject == subject
    assert words in message.text
    assert LINK in message.text
    assert f'href="{LINK}"' in message.html
    assert message.recipients == ("luis@example.com",)
    assert message.header("Reply-To") == "Ana Torres <ana@example.com>"
    assert message.header("Auto-Submitted") == "auto-generated"


def test_someone_who_already_has_an_account_is_sent_to_log_in_instead() -> None:
    message = _invitation("es", new_account=False, link="https://plazo.example/login/")
    assert "elige tu contraseña" not in message.text
    assert "Entra con tu dirección de correo" in message.text


def test_an_owner_is_told_they_join_as_an_owner() -> None:
    assert "como responsable" in _invitation("es", role="owner").text
    assert "as an owner" in _invitation("en", role="owner").text


def test_the_invitation_needs_an_http_link_and_a_valid_address() -> None:
    with pytest.raises(ComposeError, match="link") as refused:
        _invitation("en", link="/invitation/x/y/", to_email="not an address")
    assert "not an address" in str(refused.value)


def test_a_hostile_inviter_name_is_escaped_in_the_html_and_kept_off_the_headers() -> None:
    message = _invitation("en", inviter_name="<b>Ana</b>\r\nBcc: x@evil.example")
    assert "<b>Ana</b>" not in message.html
    assert "\n" not in message.subject
    assert all("evil" not in value for name, value in message.headers if name == "Bcc")
