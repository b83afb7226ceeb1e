"""Backoff doubles per attempt, is capped, and is jittered."""

import random
from datetime import timedelta

import pytest

from plazo.core.retry import MAX_DELAY, retry_delay


def test_the_wait_doubles_and_stays_within_its_jitter_band() -> None:
    rng = random.Random(3)
    for attempt, ceiling_minutes in [(1, 1), (2, 2), (3, 4), (5, 16)]:
        wait = retry_delay(attempt, rng)
        ceiling = timedelta(minutes=ceiling_minutes)
        assert ceiling / 2 <= wait <= ceiling


def test_the_wait_is_capped() -> None:
    assert retry_delay(40, random.Random(1)) <= MAX_DELAY


def test_attempts_count_from_one() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        retry_delay(0, random.Random(1))
