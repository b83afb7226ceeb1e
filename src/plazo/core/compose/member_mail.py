"""Mail to one member, outside any project (invitation, password reset): checks and headers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime

from plazo.core.compose.envelope import sender_domain
from plazo.core.compose.formats import supported_languages
from plazo.core.compose.headers import check_email, format_mailbox, message_id
from plazo.core.compose.inputs import Organisation
from plazo.core.compose.message import Message
from plazo.core.compose.render import Rendered

__all__ = ["member_mail", "member_mail_problems"]


def member_mail_problems(
    organisation: Organisation, *, to_email: str, reader: str, link: str, purpose: str,
    sent_at: datetime, own_problems: Sequence[str] = (),
) -> list[str]:  # fmt: skip
    """What stops a message to ``to_email`` (``reader``: who that is, in the problem's words)
    with ``link`` (``purpose``: what it is for) from being composed; ``own_problems`` are the
    kind's own, listed after the addresses and the language."""
    problems = check_email(organisation.sender_email, f"organisation {organisation.name!r}")
    problems += check_email(to_email, reader)
    if organisation.language not in supported_languages():
        problems.append(
            f"organisation {organisation.name!r} has unknown language {organisation.language!r}"
        )
    problems += own_problems
    if not link.startswith(("https://", "http://")):
        problems.append(f"{purpose} needs an http(s) link, got {link!r}")
    if sent_at.tzinfo is None:
        problems.append("sent_at must be time-zone aware")
    return problems


def member_mail(
    kind: str,
    organisation: Organisation,
    rendered: Rendered,
    *,
    to_email: str,
    sent_at: datetime,
    message_key: str,
    reply_to: tuple[str, str] | None = None,
) -> Message:
    """The message to ``to_email`` in the organisation's language: it belongs to no project
    (no thread), is marked auto-generated, and replies go to ``reply_to`` when given."""
    headers: list[tuple[str, str]] = [
        ("From", format_mailbox(organisation.sender_name, organisation.sender_email)),
        ("To", format_mailbox("", to_email)),
    ]
    if reply_to is not None:
        headers.append(("Reply-To", format_mailbox(*reply_to)))
    headers += [
        ("Subject", rendered.subject),
        ("Date", format_datetime(sent_at)),
        ("Message-ID", message_id("members", message_key, sender_domain(organisation))),
        ("Content-Language", organisation.language),
        ("X-Plazo-Kind", kind),
        ("Auto-Submitted", "auto-generated"),
    ]
    return Message(
        kind=kind,
        language=organisation.language,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        headers=tuple(headers),
        recipients=(to_email,),
    )
