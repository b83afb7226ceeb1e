"""Webhook signatures: HMAC-SHA256 over ``f"{timestamp}.{body}"``, as pure functions.

The timestamp is inside the signed string, so a receiver that rejects old timestamps cannot be
fed a captured request again later (a replay), and nobody can move a body to a new timestamp
without the secret.
"""

from __future__ import annotations

import hashlib
import hmac

__all__ = ["DEFAULT_TOLERANCE_SECONDS", "SCHEME", "sign", "verify"]

SCHEME = "sha256"
DEFAULT_TOLERANCE_SECONDS = 300


def _signed_bytes(timestamp: int, body: bytes) -> bytes:
    return f"{timestamp}.".encode("ascii") + body


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The ``X-Plazo-Signature`` value: ``sha256=`` and the hex HMAC of ``timestamp.body``."""
    digest = hmac.new(secret.encode(), _signed_bytes(timestamp, body), hashlib.sha256)
    return f"{SCHEME}={digest.hexdigest()}"


def verify(
    secret: str,
    timestamp: int,
    body: bytes,
    signature: str,
    *,
    now: int,
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
) -> bool:
    """Whether ``signature`` signs ``body`` at ``timestamp`` and the timestamp is recent.

    ``now`` is the receiver's clock in Unix seconds; the comparison takes constant time.
    """
    if abs(now - timestamp) > tolerance_seconds:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)
