"""Bearer-token authentication, with the body-size cap checked before anything is read."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from plazo.api.errors import ApiError
from plazo.store.models import ApiToken
from plazo.store.services.access.tokens import authenticate_token

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
        return authenticate_token(token, now=timezone.now())


def organisation_id(request: HttpRequest) -> int:
    """The organisation of the token that authenticated ``request``."""
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    return token.organisation_id
