"""The invitation (internal): a colleague was made a member, and here is where they start."""

from __future__ import annotations

from datetime import datetime

from plazo.core.compose.headers import check_email, clean_header_text, raise_if
from plazo.core.compose.inputs import Organisation
from plazo.core.compose.member_mail import member_mail, member_mail_problems
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
    bad_role = [] if role in ROLES else [f"role must be one of {', '.join(ROLES)}, got {role!r}"]
    problems = member_mail_problems(
        organisation,
        to_email=to_email,
        reader="the invited person",
        link=link,
        purpose="the invitation",
        sent_at=sent_at,
        own_problems=bad_role,
    )
    raise_if(problems)
    rendered = render_kind(
        KIND,
        organisation.language,
        {
            "organisation": organisation,
            "inviter": clean_header_text(inviter_name) or inviter_email,
            "role": role,
            "link": link,
            "new_account": new_account,
        },
    )
    inviter_ok = not check_email(inviter_email, "the inviter")
    return member_mail(
        KIND,
        organisation,
        rendered,
        to_email=to_email,
        sent_at=sent_at,
        message_key=message_key,
        reply_to=(inviter_name, inviter_email) if inviter_ok else None,
    )
