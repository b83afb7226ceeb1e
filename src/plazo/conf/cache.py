"""Django's cache from ``CACHE_URL``: memory in one process by default, Redis for several.

What lives in the cache is shared state that several processes must agree on (the client status
page's rate limit), so a deployment with more than one web process sets ``CACHE_URL`` to a Redis
server; the embedded default needs nothing but the process.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from plazo.conf.errors import ConfigError

__all__ = ["cache_settings"]

REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"
MEMORY_BACKEND = "django.core.cache.backends.locmem.LocMemCache"


def cache_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """Django's ``CACHES["default"]`` for ``CACHE_URL`` (``redis://``, ``rediss://`` or empty)."""
    url = environ.get("CACHE_URL", "").strip()
    if not url:
        return {"BACKEND": MEMORY_BACKEND, "LOCATION": "plazo"}
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ConfigError(
            f"CACHE_URL {url.split('@')[-1]!r} is not a redis:// or rediss:// address; "
            "leave it unset for a single process."
        )
    try:
        import redis  # noqa: F401  (Django's backend needs it; say so now, not on a request)
    except ImportError:
        raise ConfigError(
            "CACHE_URL names Redis but the redis package is missing; "
            "install plazo with its redis extra: pip install 'plazo[redis]'."
        ) from None
    return {"BACKEND": REDIS_BACKEND, "LOCATION": url, "KEY_PREFIX": "plazo"}
