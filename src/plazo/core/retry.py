"""When to try again: exponential backoff with jitter, as a pure function of the attempt number."""

from __future__ import annotations

import random
from datetime import timedelta

__all__ = ["MAX_ATTEMPTS", "retry_delay"]

MAX_ATTEMPTS = 8
BASE_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=6)


def retry_delay(attempt: int, rng: random.Random) -> timedelta:
    """How long to wait after failed attempt number ``attempt`` (1-based).

    The ceiling doubles each attempt (1, 2, 4 … minutes, capped at six hours) and the wait is drawn
    between half the ceiling and the ceiling, so workers that failed together do not retry together.
    """
    if attempt < 1:
        raise ValueError(f"attempt numbers start at 1, got {attempt}")
    ceiling = min(MAX_DELAY, BASE_DELAY * (1 << min(attempt - 1, 30)))
    return ceiling * rng.uniform(0.5, 1.0)
