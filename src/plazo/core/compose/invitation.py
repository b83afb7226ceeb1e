"""The invitation (internal): a colleague was made a member, and here is where they start."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime

from plazo.core.compose.envelope import sender_domain
from plazo.core.compose.formats import supported_languages
from plazo.core.compose.headers import (
    check_email,
    clean_header_text,
    format_mailbox,
    message_id,
    raise_if,
)
from plazo.core.compose.inputs import Organisation
from plazo.core.compose.message import Message
from plazo.core.compose.render import render_kind

__all__ = ["compose_invitation"]

KIND = "invitation"
ROLES = ("owner", "member")


def compose_invitation(
    organisation: Organisation,
    *,
    to_email: str,
    inviter_name: str,
    inviter_email: str,
    role: str,
    link: str,
    new_account: bool,
    sent_at: datetime,
    message_key: str,
) -> Message:
    """Tell ``to_email``, in ``organisation.language`` (the caller sets the language the person
    reads plazo in, else the organisation's), who made them a member and of what.

    A person new to plazo gets ``link`` to choose a password; someone with an account gets a
    link to log in. Colleagues are spoken to informally (tú / casual English). The message
    belongs to no project, so it starts no project's thread; replies go to the inviter.
    """
    problems = check_email(organisation.sender_email, f"organisation {organisation.name!r}")
    problems += check_email(to_email, "the invited person")
    if organisation.language not in supported_languages():
        problems.append(
            f"organisation {organisation.name!r} has unknown language {organisation.language!r}"
        )
    if role not in ROLES:
        problems.append(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    if not link.startswith(("https://", "http://")):
        problems.append(f"the invitation needs an http(s) link, got {link!r}")
    if sent_at.tzinfo is None:
        problems.append("sent_at must be time-zone aware")
    raise_if(problems)
    language = organisation.language
    rendered = render_kind(
        KIND,
        language,
        {
            "organisation": organisation,
            "inviter": clean_header_text(inviter_name) or inviter_email,
            "role": role,
            "link": link,
            "new_account": new_account,
        },
    )
    headers: list[tuple[str, str]] = [
        ("From", format_mailbox(organisation.sender_name, organisation.sender_email)),
        ("To", format_mailbox("", to_email)),
    ]
    if not check_email(inviter_email, "the inviter"):
        headers.append(("Reply-To", format_mailbox(inviter_name, inviter_email)))
    headers += [
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
