"""When a tracker asks us to slow down, and for how long (pure functions of status and headers)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

__all__ = ["RateLimit", "clock_time", "rate_limit", "retry_after_seconds"]

DEFAULT_WAIT_SECONDS = 60.0  # GitHub's advice when a limit answer names no time: wait a minute


@dataclass(frozen=True)
class RateLimit:
    """A rate-limit answer: how many seconds to wait, and which limit it was."""

    seconds: float
    kind: str  # "rate limit" or "secondary rate limit"


def rate_limit(
    status: int, headers: Mapping[str, str], body: str, *, now: float
) -> RateLimit | None:
    """The wait a 403/429 answer asks for, or None when the answer is not about rate limits.

    Order as GitHub documents it: ``retry-after`` (seconds or an HTTP date; GitHub's secondary
    limit and Jira's 429); then ``x-ratelimit-remaining: 0`` with ``x-ratelimit-reset`` (epoch
    seconds; GitHub's primary limit); then a 429, or a 403 whose message says "rate limit",
    without either header: a minute.
    """
    if status not in (403, 429):
        return None
    retry_after = headers.get("retry-after")
    if retry_after:
        seconds = retry_after_seconds(retry_after, now)
        if seconds is not None:
            kind = "secondary rate limit" if "secondary" in body.lower() else "rate limit"
            return RateLimit(seconds, kind)
    reset = headers.get("x-ratelimit-reset")
    if headers.get("x-ratelimit-remaining") == "0" and reset and reset.isdigit():
        return RateLimit(max(0.0, int(reset) - now) + 1, "rate limit")  # +1: reset is whole seconds
    if status == 429 or "rate limit" in body.lower():
        kind = "secondary rate limit" if "secondary" in body.lower() else "rate limit"
        return RateLimit(DEFAULT_WAIT_SECONDS, kind)
    return None


def retry_after_seconds(value: str, now: float) -> float | None:
    """A ``Retry-After`` (seconds or an HTTP date) as seconds from ``now``; None if unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


def clock_time(epoch: float) -> str:
    """``10:31:05 UTC`` for an epoch time: what a person waiting needs to read."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%H:%M:%S UTC")
