"""The password reset (internal): someone asked for a new password for this address."""

from __future__ import annotations

from datetime import datetime

from plazo.core.compose.headers import raise_if
from plazo.core.compose.inputs import Organisation
from plazo.core.compose.member_mail import member_mail, member_mail_problems
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
    name: str = "",
) -> Message:
    """Give ``to_email``, in ``organisation.language`` (the caller sets the language the person
    reads plazo in), the one-time ``link`` that lets them choose a new password; greeted by
    ``name`` (their first name) when it is known, in the dashboard's register (usted).

    The message says it can be ignored: whoever asked typed this address, which may not be the
    person's own doing. It belongs to no project; nobody can usefully reply to it.
    """
    raise_if(
        member_mail_problems(
            organisation,
            to_email=to_email,
            reader="the person",
            link=link,
            purpose="the reset",
            sent_at=sent_at,
        )
    )
    rendered = render_kind(
        KIND,
        organisation.language,
        {
            "organisation": organisation,
            "email": to_email,
            "link": link,
            "days": valid_days,
            "name": name.strip(),
        },
    )
    return member_mail(
        KIND, organisation, rendered, to_email=to_email, sent_at=sent_at, message_key=message_key
    )
