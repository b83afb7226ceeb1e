"""A fixed-window request counter per client IP, kept in Django's cache."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest

from plazo.web.client_address import client_address

__all__ = ["allow"]


def allow(
    request: HttpRequest,
    *,
    scope: str,
    limit: int,
    window_seconds: int = 60,
    now: float | None = None,
) -> bool:
    """Count this request against the caller's window; False once it is over ``limit``.

    The address is the socket's, or behind plazo's own proxy the one it saw
    (:func:`client_address`): a forwarded header is otherwise whatever the caller says.
    ``now`` is the clock's reading in seconds since the epoch (``time.time()`` unless given):
    it picks the window.
    """
    window = int(time.time() if now is None else now) // window_seconds
    key = f"plazo:rl:{scope}:{client_address(request)}:{window}"
    # add() is a no-op when the key exists, so the first request of a window starts it at 0.
    cache.add(key, 0, timeout=window_seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this request opens a new window
        cache.set(key, 1, timeout=window_seconds + 1)
        count = 1
    return count <= limit
