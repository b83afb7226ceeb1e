"""API tokens: create one (shown once), recognise it by its digest, revoke it."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from plazo.core.errors import PlazoError
from plazo.store.models import ApiToken, Organisation

__all__ = [
    "TOKEN_PREFIX",
    "CreatedToken",
    "TokenError",
    "authenticate_token",
    "create_token",
    "list_tokens",
    "revoke",
    "revoke_token",
    "revoked_token_organisation",
]

TOKEN_PREFIX = "plz_"
_SHOWN_CHARACTERS = 12  # "plz_" and 8 random characters: enough to recognise, useless to guess
_TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is a hint; one write a minute is plenty


class TokenError(PlazoError):
    """A token operation that cannot be done; the message says why."""


@dataclass(frozen=True)
class CreatedToken:
    """The stored row and the secret, which exists only here and is never stored."""

    token: ApiToken
    secret: str


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(
    organisation: Organisation, *, name: str, now: datetime, created_by: Any = None
) -> CreatedToken:
    """Create a bearer token for ``organisation``; only its SHA-256 digest is kept."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name,
        prefix=secret[:_SHOWN_CHARACTERS],
        digest=_digest(secret),
        created_by=created_by,
        created_at=now,
    )
    return CreatedToken(token, secret)


def authenticate_token(secret: str, *, now: datetime) -> ApiToken | None:
    """The live token ``secret`` stands for (with its organisation), or None."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("organisation")
        .filter(digest=_digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= _TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoked_token_organisation(secret: str) -> Organisation | None:
    """The organisation of the revoked token ``secret`` stands for (whose door is being tried)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("organisation")
        .filter(digest=_digest(secret), revoked_at__isnull=False)
        .first()
    )
    return None if token is None else token.organisation


@transaction.atomic
def revoke_token(
    prefix: str, *, now: datetime, organisation: Organisation | None = None
) -> ApiToken:
    """Revoke the one live token whose prefix starts with ``prefix``; it stops working at once."""
    if len(prefix) < len(TOKEN_PREFIX) + 4:
        raise TokenError(f"give at least {len(TOKEN_PREFIX) + 4} characters of the token prefix")
    tokens = ApiToken.objects.select_for_update().filter(
        prefix__startswith=prefix[:_SHOWN_CHARACTERS], revoked_at__isnull=True
    )
    if organisation is not None:
        tokens = tokens.filter(organisation=organisation)
    found = list(tokens[:2])
    if not found:
        raise TokenError(f"no live token starts with {prefix!r} (see 'plazo token list')")
    if len(found) > 1:
        raise TokenError(f"several live tokens start with {prefix!r}; give more characters")
    token = found[0]
    revoke(token, now=now)
    return token


def revoke(token: ApiToken, *, now: datetime) -> bool:
    """Revoke ``token`` if it is still live (it stops working at once); False if it was not.

    Compare-and-set on the row, so two clicks (or the CLI and the dashboard) revoke it once and
    the first revocation's time stays.
    """
    changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
    if changed:
        token.revoked_at = now
    else:
        token.refresh_from_db(fields=["revoked_at"])
    return bool(changed)


def list_tokens(organisation: Organisation | None = None) -> list[ApiToken]:
    """Every token (live and revoked), newest first, optionally of one organisation."""
    tokens = ApiToken.objects.select_related("organisation", "created_by").order_by(
        "-created_at", "-pk"
    )
    if organisation is not None:
        tokens = tokens.filter(organisation=organisation)
    return list(tokens)
