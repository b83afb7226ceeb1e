"""The address a request came from, as far as it can be trusted."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

__all__ = ["client_address"]


def client_address(request: HttpRequest) -> str:
    """The socket's address, or behind plazo's own proxy the address the proxy saw.

    ``X-Forwarded-For`` is whatever the caller says, except for its last entry, which the proxy
    in front of plazo appended itself (Caddy and nginx as in docs/deploy.md). It is read only
    when ``PLAZO_BEHIND_PROXY=1``: without a proxy, trusting it would let anyone pick an address
    and escape a lock or a rate limit.
    """
    if getattr(settings, "PLAZO_BEHIND_PROXY", False):
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return str(request.META.get("REMOTE_ADDR", ""))
