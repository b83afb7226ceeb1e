"""When repeated failed log-ins lock an account or an address, and for how long (pure).

The policy, counted separately for each user name and each client address:
1. every failed attempt adds one; an hour without a failure forgets the count;
2. the ``failure_limit``-th failure (10 by default) locks the key and starts the count again;
3. the first lock lasts ``first_lock`` (15 minutes by default); each further lock within a day of
   the previous one lasts twice as long as the one before, up to ``longest_lock`` (a day);
4. while a key is locked, attempts are refused before any password is checked and are not
   counted, so the end of a lock is a fixed time that can be told to the person;
5. a successful log-in forgets the user name's count (never its lock, and never the address's).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

__all__ = ["ThrottlePolicy", "ThrottleState", "after_failure", "is_locked", "lock_period"]


@dataclass(frozen=True)
class ThrottlePolicy:
    """The numbers of the policy above."""

    failure_limit: int = 10
    first_lock: timedelta = timedelta(minutes=15)
    longest_lock: timedelta = timedelta(hours=24)
    forget_failures_after: timedelta = timedelta(hours=1)
    lock_streak: timedelta = timedelta(hours=24)


@dataclass(frozen=True)
class ThrottleState:
    """What is remembered about one key (a user name or an address)."""

    failures: int = 0
    last_failure_at: datetime | None = None
    lockouts: int = 0  # locks in the current streak
    locked_at: datetime | None = None
    locked_until: datetime | None = None


def is_locked(state: ThrottleState, now: datetime) -> bool:
    """True while the key's lock lasts."""
    return state.locked_until is not None and now < state.locked_until


def lock_period(policy: ThrottlePolicy, lockouts: int) -> timedelta:
    """How long the ``lockouts``-th lock of a streak lasts (1 is the first)."""
    doublings = min(max(lockouts - 1, 0), 32)  # 2**32 × 15 minutes is past any cap
    longer: timedelta = policy.first_lock * (2**doublings)
    return min(longer, policy.longest_lock)


def after_failure(policy: ThrottlePolicy, state: ThrottleState, now: datetime) -> ThrottleState:
    """The state after one more failed attempt (which the caller has checked is not locked)."""
    failures = state.failures
    if state.last_failure_at is not None and now - state.last_failure_at > (
        policy.forget_failures_after
    ):
        failures = 0
    failures += 1
    if failures < policy.failure_limit:
        return replace(state, failures=failures, last_failure_at=now)
    streak_over = state.locked_at is None or now - state.locked_at > policy.lock_streak
    lockouts = 1 if streak_over else state.lockouts + 1
    return ThrottleState(
        failures=0,
        last_failure_at=now,
        lockouts=lockouts,
        locked_at=now,
        locked_until=now + lock_period(policy, lockouts),
    )
