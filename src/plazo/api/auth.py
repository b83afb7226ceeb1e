"""Bearer-token authentication, with the body-size cap checked before anything is read."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from plazo.api.errors import ApiError
from plazo.store.models import ApiToken
from plazo.store.services.access.login_throttle import address_key, locked_until, record_failure
from plazo.store.services.access.tokens import authenticate_token, revoked_token_organisation
from plazo.web.client_address import client_address

__all__ = ["MAX_BODY_BYTES", "TokenAuth"]

MAX_BODY_BYTES = 1024 * 1024  # no plazo request needs more; Django stops reading at 2.5 MB anyway


class TokenAuth(HttpBearer):
    """``Authorization: Bearer plz_…``; ``request.auth`` becomes the :class:`ApiToken`."""

    def __call__(self, request: HttpRequest) -> ApiToken | None:
        # Auth runs before ninja reads the body, so an oversized one is refused unread.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY_BYTES:
            raise ApiError(413, f"the request body is {length} bytes; at most {MAX_BODY_BYTES}")
        token: ApiToken | None = super().__call__(request)
        return token

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        """The token's row; wrong tokens count against the caller's address like log-ins.

        After the limit of wrong tokens (``PLAZO_LOGIN_FAILURE_LIMIT``) the address is refused
        with 429 for a growing period, so tokens cannot be guessed at the server's speed.
        """
        now = timezone.now()
        address = client_address(request)
        keys = [address_key(address)]
        until = locked_until(keys, now)
        if until is None:
            found = authenticate_token(token, now=now)
            if found is not None:
                return found
            until = record_failure(
                keys,
                now=now,
                address=address,
                where="the REST API",
                organisation=revoked_token_organisation(token),
            )
            if until is None:
                return None
        seconds = max(1, int((until - now).total_seconds()))
        raise ApiError(
            429,
            f"too many wrong API tokens from this address; requests are refused for "
            f"{seconds} more seconds (until {until.isoformat(timespec='seconds')})",
        )


def organisation_id(request: HttpRequest) -> int:
    """The organisation of the token that authenticated ``request``."""
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    return token.organisation_id
