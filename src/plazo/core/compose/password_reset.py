"""The password reset (internal): someone asked for a new password for this address."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime

from plazo.core.compose.envelope import sender_domain
from plazo.core.compose.formats import supported_languages
from plazo.core.compose.headers import check_email, format_mailbox, message_id, raise_if
from plazo.core.compose.inputs import Organisation
from plazo.core.compose.message import Message
from plazo.core.compose.render import render_kind

__all__ = ["compose_password_reset"]

KIND = "password_reset"


def compose_password_reset(
    organisation: Organisation,
    *,
    to_email: str,
    link: str,
    valid_days: int,
    sent_at: datetime,
    message_key: str,
) -> Message:
    """Give ``to_email``, in ``organisation.language`` (the caller sets the language the person
    reads plazo in), the one-time ``link`` that lets them choose a new password.

    The message says it can be ignored: whoever asked typed this address, which may not be the
    person's own doing. It belongs to no project; nobody can usefully reply to it.
    """
    problems = check_email(organisation.sender_email, f"organisation {organisation.name!r}")
    problems += check_email(to_email, "the person")
    if organisation.language not in supported_languages():
        problems.append(
            f"organisation {organisation.name!r} has unknown language {organisation.language!r}"
        )
    if not link.startswith(("https://", "http://")):
        problems.append(f"the reset needs an http(s) link, got {link!r}")
    if sent_at.tzinfo is None:
        problems.append("sent_at must be time-zone aware")
    raise_if(problems)
    language = organisation.language
    rendered = render_kind(
        KIND,
        language,
        {"organisation": organisation, "email": to_email, "link": link, "days": valid_days},
    )
    headers: list[tuple[str, str]] = [
        ("From", format_mailbox(organisation.sender_name, organisation.sender_email)),
        ("To", format_mailbox("", to_email)),
        ("Subject", rendered.subject),
        ("Date", format_datetime(sent_at)),
        ("Message-ID", message_id("members", message_key, sender_domain(organisation))),
        ("Content-Language", language),
        ("X-Plazo-Kind", KIND),
        ("Auto-Submitted", "auto-generated"),
    ]
    return Message(
        kind=KIND,
        language=language,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        headers=tuple(headers),
        recipients=(to_email,),
    )
