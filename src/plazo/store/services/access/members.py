"""Who belongs to an organisation: invite by e-mail, with the role owner or member."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from plazo.core.errors import PlazoError
from plazo.store.models import Membership, Organisation, Role
from plazo.store.services.access.studio import find_user_by_email

__all__ = ["Invited", "MemberError", "invite_member"]


class MemberError(PlazoError):
    """The invitation cannot be made (already a member, a bad role)."""


@dataclass(frozen=True)
class Invited:
    """The membership, and for a new person the (uid, token) that lets them choose a password."""

    membership: Membership
    new_user: bool
    uid: str
    token: str


@transaction.atomic
def invite_member(organisation: Organisation, email: str, *, role: str) -> Invited:
    """Make the person with ``email`` a member; someone new gets an account without a password.

    The new account's password is set through a one-time link (Django's password-reset token,
    which stops working once the password is set), so nobody ever types a password for someone
    else.
    """
    if role not in Role.values:
        raise MemberError(f"role must be one of {', '.join(Role.values)}")
    email = email.strip().lower()
    user: Any = find_user_by_email(email)
    new_user = user is None
    if user is None:
        users = get_user_model().objects
        if users.filter(username__iexact=email).exists():
            raise MemberError(f"the user name {email} is taken by another account")
        user = users.create_user(username=email, email=email)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise MemberError(f"{email} is already a member of {organisation.name}")
    membership = Membership.objects.create(organisation=organisation, user=user, role=role)
    return Invited(
        membership,
        new_user,
        urlsafe_base64_encode(force_bytes(user.pk)),
        default_token_generator.make_token(user),
    )
