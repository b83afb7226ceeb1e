"""Failed log-ins lock a key after the limit, for a period that doubles within a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from plazo.core.login_throttle import (
    ThrottlePolicy,
    ThrottleState,
    after_failure,
    is_locked,
    lock_period,
)

T0 = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
POLICY = ThrottlePolicy()


def _fail(state: ThrottleState, times: int, start: datetime) -> ThrottleState:
    for n in range(times):
        state = after_failure(POLICY, state, start + timedelta(seconds=n))
    return state


def test_nine_failures_do_not_lock_and_the_tenth_does() -> None:
    state = _fail(ThrottleState(), 9, T0)
    assert not is_locked(state, T0 + timedelta(seconds=9))
    state = after_failure(POLICY, state, T0 + timedelta(seconds=10))
    assert is_locked(state, T0 + timedelta(seconds=11))
    assert state.locked_until == T0 + timedelta(seconds=10, minutes=15)
    assert state.failures == 0


def test_the_lock_ends_at_the_time_it_names() -> None:
    state = _fail(ThrottleState(), 10, T0)
    assert state.locked_until is not None
    assert is_locked(state, state.locked_until - timedelta(microseconds=1))
    assert not is_locked(state, state.locked_until)


def test_each_lock_within_a_day_lasts_twice_as_long_up_to_a_day() -> None:
    assert [lock_period(POLICY, n) for n in range(1, 9)] == [
        timedelta(minutes=15),
        timedelta(minutes=30),
        timedelta(hours=1),
        timedelta(hours=2),
        timedelta(hours=4),
        timedelta(hours=8),
        timedelta(hours=16),
        timedelta(hours=24),
    ]
    assert lock_period(POLICY, 500) == timedelta(hours=24)


def test_a_second_lock_after_the_first_has_ended_lasts_longer() -> None:
    first = _fail(ThrottleState(), 10, T0)
    assert first.locked_until is not None
    second = _fail(first, 10, first.locked_until)
    assert second.lockouts == 2
    assert second.locked_until == second.locked_at + timedelta(minutes=30)  # type: ignore[operator]


def test_a_day_without_a_lock_starts_the_streak_again() -> None:
    first = _fail(ThrottleState(), 10, T0)
    later = _fail(first, 10, T0 + timedelta(days=1, hours=1))
    assert later.lockouts == 1
    assert later.locked_until == later.locked_at + timedelta(minutes=15)  # type: ignore[operator]


def test_an_hour_without_failures_forgets_the_count() -> None:
    state = _fail(ThrottleState(), 9, T0)
    state = after_failure(POLICY, state, T0 + timedelta(hours=1, minutes=1))
    assert state.failures == 1
    assert not is_locked(state, T0 + timedelta(hours=1, minutes=2))


def test_the_limit_is_the_policys() -> None:
    policy = ThrottlePolicy(failure_limit=3)
    state = ThrottleState()
    for n in range(3):
        state = after_failure(policy, state, T0 + timedelta(seconds=n))
    assert is_locked(state, T0 + timedelta(seconds=3))
