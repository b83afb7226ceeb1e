"""Who belongs to an organisation: invite by e-mail, with the role owner or member.

Each invitation e-mail is an outbox message keyed ``invitation:<membership id>``; one sent again
after a permanent failure is keyed ``invitation:<membership id>:<n>`` (n = 2, 3…). The newest of
them is the membership's invitation, whose state the members page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from plazo.core import compose
from plazo.core.errors import PlazoError
from plazo.store.links import links
from plazo.store.models import (
    ApiToken,
    Membership,
    Message,
    MessageKind,
    MessageState,
    Organisation,
    Project,
    Role,
)
from plazo.store.services.access.studio import find_user_by_email
from plazo.store.services.composing.inputs import organisation_input
from plazo.store.services.outbox.write import store_message

__all__ = [
    "RESENDABLE",
    "Invited",
    "MemberError",
    "Removal",
    "Removed",
    "change_role",
    "invitation_messages",
    "invite_member",
    "removal_of",
    "remove_member",
    "resend_invitation",
]

# An invitation the mail server refused: for good, or for now (the worker tries again later).
RESENDABLE = (MessageState.FAILED, MessageState.RETRY)


class MemberError(PlazoError):
    """The invitation cannot be made (already a member, a bad role)."""


@dataclass(frozen=True)
class Removal:
    """What removing a member does besides the membership: whether their account closes (they
    belong to no other organisation) and how many of the organisation's live API tokens they
    created (which are revoked)."""

    closes_account: bool
    live_tokens: int


@dataclass(frozen=True)
class Removed:
    """The removed membership and what went with it."""

    membership: Membership
    account_closed: bool
    tokens_revoked: int


@dataclass(frozen=True)
class Invited:
    """The membership, the queued invitation e-mail, and for a new person the (uid, token) that
    lets them choose a password."""

    membership: Membership
    new_user: bool
    uid: str
    token: str
    invitation: Message


@transaction.atomic
def invite_member(
    organisation: Organisation,
    email: str,
    *,
    role: str,
    now: datetime,
    invited_by: Any = None,
    language: str = "",
    name: str = "",
) -> Invited:
    """Make the person with ``email`` a member and queue an e-mail telling them so.

    1. Someone new gets an account without a password. It is set through a one-time link
       (Django's password-reset token, which stops working once the password is set), so nobody
       ever types a password for someone else.
    2. The invitation is written to the outbox in this transaction, in the organisation's
       language, with that link (or, for someone who has an account, the login page); a worker
       sends it. Nothing is sent inside the request.

    ``language`` (blank: the organisation's) is the one the person reads plazo in: it is recorded
    on the membership (their alerts follow it) and the invitation is written in it. ``name``
    (optional) is the person's name, given to a new account or to one that has none yet.
    """
    if role not in Role.values:
        raise MemberError(f"role must be one of {', '.join(Role.values)}")
    email = email.strip().lower()
    user: Any = find_user_by_email(email)
    new_user = user is None
    if user is None:
        users = get_user_model().objects
        if users.filter(username__iexact=email).exists():
            raise MemberError(
                f"the user name {email} is taken by another account", code="username_taken"
            )
        user = users.create_user(username=email, email=email)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    name = " ".join(name.split())
    if not user.is_active:
        # An account closed when its person left their last organisation opens again: they are
        # welcome back, with the password they had (or a new one through the e-mailed link).
        user.is_active = True
        user.save(update_fields=["is_active"])
    if name and not user.get_full_name():
        user.first_name, _, user.last_name = name.partition(" ")
        user.first_name, user.last_name = user.first_name[:150], user.last_name[:150]
        user.save(update_fields=["first_name", "last_name"])
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise MemberError(
            f"{email} is already a member of {organisation.name}", code="already_member"
        )
    if language and language not in compose.supported_languages():
        raise MemberError(f"language must be one of {', '.join(compose.supported_languages())}")
    membership = Membership.objects.create(
        organisation=organisation, user=user, role=role, language=language
    )
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    invitation = _queue_invitation(
        membership, user.email or email, new_user, uid, token, invited_by=invited_by, now=now
    )
    return Invited(membership, new_user, uid, token, invitation)


def _locked_members(organisation: Organisation) -> list[Membership]:
    """The organisation's memberships, locked, so two owners changing roles at once cannot
    both demote or remove the other and leave nobody in charge."""
    return list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("pk")
    )


def _last_owner(members: list[Membership], membership: Membership) -> bool:
    owners = [m for m in members if m.role == Role.OWNER]
    return membership.role == Role.OWNER and len(owners) == 1


@transaction.atomic
def change_role(organisation: Organisation, membership_id: int, *, role: str) -> Membership:
    """Make the member an owner or a member; the last owner stays an owner (``last_owner``).

    Another organisation's membership is ``Membership.DoesNotExist``.
    """
    if role not in Role.values:
        raise MemberError(f"role must be one of {', '.join(Role.values)}")
    members = _locked_members(organisation)
    membership = next((m for m in members if m.pk == membership_id), None)
    if membership is None:
        raise Membership.DoesNotExist(f"no membership {membership_id} in {organisation.slug}")
    if role != Role.OWNER and _last_owner(members, membership):
        raise MemberError(
            f"{membership.user.email} is the only owner of {organisation.name}; make someone "
            "else an owner first",
            code="last_owner",
        )
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def removal_of(membership: Membership) -> Removal:
    """What :func:`remove_member` would do besides removing ``membership`` (to confirm it)."""
    user = membership.user
    others = Membership.objects.filter(user=user).exclude(pk=membership.pk).exists()
    return Removal(
        closes_account=not others and not user.is_superuser,
        live_tokens=_live_tokens(membership).count(),
    )


def _live_tokens(membership: Membership) -> QuerySet[ApiToken]:
    return ApiToken.objects.for_organisation(membership.organisation_id).filter(
        created_by=membership.user_id, revoked_at__isnull=True
    )


@transaction.atomic
def remove_member(
    organisation: Organisation, membership_id: int, *, successor: Any = None, now: datetime
) -> Removed:
    """Take the person out of the organisation; never its last owner (``last_owner``).

    1. The projects they own pass to ``successor`` (the owner removing them), or to the
       organisation's first other owner, so the projects' alerts keep reaching a member.
    2. Their unsent invitation e-mails are cancelled, and the organisation's API tokens they
       created are revoked (a token is the organisation's door, and they no longer belong).
    3. The membership goes. A person who belongs to no other organisation has nothing left to
       log in to: their account is closed (``is_active`` off), which ends every session of
       theirs at the next request and makes the login page say so. Someone who still belongs
       elsewhere keeps their account; a session working in this organisation ends at its next
       request (``plazo.web.tenancy``). A superuser (who runs the installation) keeps theirs.

    Inviting them again opens the account again. Another organisation's membership is
    ``Membership.DoesNotExist``.
    """
    members = _locked_members(organisation)
    membership = next((m for m in members if m.pk == membership_id), None)
    if membership is None:
        raise Membership.DoesNotExist(f"no membership {membership_id} in {organisation.slug}")
    if _last_owner(members, membership):
        raise MemberError(
            f"{membership.user.email} is the only owner of {organisation.name}; make someone "
            "else an owner first",
            code="last_owner",
        )
    if successor is None or successor.pk == membership.user_id:
        others = [m for m in members if m.role == Role.OWNER and m.pk != membership.pk]
        successor = others[0].user if others else None
    Project.objects.for_organisation(organisation).filter(owner=membership.user).update(
        owner=successor
    )
    key = f"invitation:{membership.pk}"
    Message.objects.for_organisation(organisation).filter(
        Q(idempotency_key=key) | Q(idempotency_key__startswith=f"{key}:"),
        kind=MessageKind.INVITATION,
        state__in=[MessageState.QUEUED, MessageState.RETRY],
    ).update(state=MessageState.CANCELLED, next_attempt_at=None)
    revoked = _live_tokens(membership).update(revoked_at=now)
    closes = removal_of(membership).closes_account
    membership.delete()
    user = membership.user
    if closes and user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return Removed(membership, account_closed=closes, tokens_revoked=revoked)


def invitation_messages(organisation: Organisation) -> dict[int, Message]:
    """The newest invitation e-mail of each of the organisation's memberships, by membership id
    (without the e-mail's body)."""
    return {member: sent[-1] for member, sent in _invitations(organisation).items()}


@transaction.atomic
def resend_invitation(
    organisation: Organisation, membership_id: int, *, now: datetime, invited_by: Any = None
) -> Invited:
    """Queue once more the invitation of a member whose invitation e-mail failed.

    Failed for good, or failed once and waiting for its next attempt (hours away, after a few
    tries): the waiting one is cancelled, compare-and-set, so only the new one can go out. It is
    composed afresh: someone who has not chosen a password yet gets a new one-time link (the
    first may have expired), someone who has the login page. Another organisation's membership
    is ``Membership.DoesNotExist``; an invitation that has not failed is a MemberError. Two
    people resending at once queue one e-mail: the membership is locked while its next key is
    chosen.
    """
    membership = (
        Membership.objects.select_for_update()
        .select_related("organisation", "user")
        .get(organisation=organisation, pk=membership_id)
    )
    user = membership.user
    sent = _invitations(organisation, membership.pk).get(membership.pk, [])
    if not sent or sent[-1].state not in RESENDABLE:
        state = sent[-1].state if sent else "not sent"
        raise MemberError(
            f"the invitation to {user.email} has not failed (it is {state}); nothing to resend"
        )
    if sent[-1].state == MessageState.RETRY and not _cancel_waiting(sent[-1]):
        raise MemberError(
            f"the invitation to {user.email} is being sent right now; look again in a minute"
        )
    new_user = not user.has_usable_password()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    invitation = _queue_invitation(
        membership,
        user.email,
        new_user,
        uid,
        token,
        invited_by=invited_by,
        now=now,
        attempt=len(sent) + 1,
    )
    return Invited(membership, new_user, uid, token, invitation)


def _cancel_waiting(invitation: Message) -> bool:
    """Cancel an invitation waiting for its next attempt, unless a worker claimed it meanwhile."""
    waiting = Message.objects.filter(pk=invitation.pk, state=MessageState.RETRY)
    return waiting.update(state=MessageState.CANCELLED, next_attempt_at=None) == 1


def _invitations(
    organisation: Organisation, membership_id: int | None = None
) -> dict[int, list[Message]]:
    """The invitation e-mails of the organisation's memberships (or of one), oldest first."""
    prefix = "invitation:" if membership_id is None else f"invitation:{membership_id}"
    messages = (
        Message.objects.for_organisation(organisation)
        .filter(kind=MessageKind.INVITATION, idempotency_key__startswith=prefix)
        .only("idempotency_key", "state", "last_error", "created_at")
        .order_by("created_at", "pk")
    )
    found: dict[int, list[Message]] = {}
    for message in messages:
        member = message.idempotency_key.split(":")[1]
        if member.isdigit() and membership_id in (None, int(member)):
            found.setdefault(int(member), []).append(message)
    return found


def _queue_invitation(
    membership: Membership,
    email: str,
    new_user: bool,
    uid: str,
    token: str,
    *,
    invited_by: Any,
    now: datetime,
    attempt: int = 1,
) -> Message:
    """Compose and queue the invitation; ``attempt`` 2, 3… for one sent again."""
    organisation = membership.organisation
    again = "" if attempt == 1 else str(attempt)
    inviter_name = ""
    inviter_email = ""
    if invited_by is not None:
        inviter_name = invited_by.get_full_name() or invited_by.get_username()
        inviter_email = invited_by.email or ""
    sender = organisation_input(organisation)
    if membership.language:
        sender = replace(sender, language=membership.language)
    composed = compose.compose_invitation(
        sender,
        to_email=email,
        inviter_name=inviter_name or organisation.name,
        inviter_email=inviter_email,
        role=membership.role,
        link=links().invitation(uid, token) if new_user else links().login(),
        new_account=new_user,
        sent_at=now,
        message_key="-".join(filter(None, ["invitation", str(membership.pk), again])),
    )
    message, _ = store_message(
        composed,
        organisation=organisation,
        project=None,
        key=":".join(filter(None, ["invitation", str(membership.pk), again])),
        state=MessageState.QUEUED,
        now=now,
        kind=MessageKind.INVITATION,
    )
    return message
