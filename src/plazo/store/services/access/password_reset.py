"""A forgotten password: queue an e-mail with a one-time link to choose a new one.

The link is Django's password-reset token (it stops working once the password changes, or after
``PASSWORD_RESET_TIMEOUT``). The e-mail goes through the outbox like every other, written in the
language the person reads plazo in and sent by the worker, never inside the request. Whether or
not the address belongs to anyone, the caller answers the same, so the page tells nobody which
addresses have accounts. The outbox keeps the message with the link blanked out, so nobody who
reads the outbox (an owner of one of the person's organisations) can use it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from plazo.core import compose
from plazo.store.links import links
from plazo.store.models import Membership, Message, MessageKind, MessageState
from plazo.store.services.composing.inputs import organisation_input
from plazo.store.services.outbox.write import store_message

__all__ = ["RESET_INTERVAL", "request_password_reset"]

# One reset e-mail per person in this time, however often the form is sent for their address.
RESET_INTERVAL = timedelta(minutes=5)
_BLANKED = "[…]"


def _person(email: str) -> Any | None:
    """The one active user with this address and a password of their own, else None."""
    users = list(get_user_model().objects.filter(email__iexact=email.strip(), is_active=True)[:2])
    if len(users) != 1 or not users[0].has_usable_password():
        return None  # nobody, two accounts, or an invitee (their invitation sets the password)
    return users[0]


@transaction.atomic
def request_password_reset(email: str, *, now: datetime) -> Message | None:
    """Queue the reset e-mail for the account with ``email``; None when nothing was queued.

    Nothing is queued for an unknown address, an account without a membership (no organisation
    to send from: such a person uses ``plazo manage changepassword``), or one that was sent a
    reset in the last :data:`RESET_INTERVAL`.
    """
    user = _person(email)
    if user is None:
        return None
    membership = (
        Membership.objects.filter(user=user).select_related("organisation").order_by("pk").first()
    )
    if membership is None:
        return None
    key_prefix = f"password-reset:{user.pk}:"
    recent = Message.objects.filter(
        kind=MessageKind.PASSWORD_RESET,
        idempotency_key__startswith=key_prefix,
        created_at__gt=now - RESET_INTERVAL,
    )
    if recent.exists():
        return None
    organisation = membership.organisation
    sender = organisation_input(organisation)
    if membership.language:
        sender = replace(sender, language=membership.language)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = links().password_reset(uid, default_token_generator.make_token(user))
    stamp = now.strftime("%Y%m%dT%H%M%S%f")
    composed = compose.compose_password_reset(
        sender,
        to_email=user.email,
        link=link,
        valid_days=max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        sent_at=now,
        message_key=f"password-reset-{user.pk}-{stamp}",
        name=user.first_name,
    )
    message, _ = store_message(
        composed,
        organisation=organisation,
        project=None,
        key=key_prefix + stamp,
        state=MessageState.QUEUED,
        now=now,
        kind=MessageKind.PASSWORD_RESET,
    )
    # What the outbox page shows: the message without its link (the MIME that is sent keeps it).
    message.text = composed.text.replace(link, _BLANKED)
    message.html = composed.html.replace(link, _BLANKED) if composed.html else composed.html
    message.save(update_fields=["text", "html"])
    return message
