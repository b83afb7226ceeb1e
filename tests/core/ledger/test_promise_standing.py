"""Where a promise stands for the client: a replaced one is replaced, never 'pending'."""

from __future__ import annotations

from datetime import date

from plazo.core.ledger import PromiseRecord, Standing, promise_standings


def _promise(promised_on: date, made_on: date, **fields: object) -> PromiseRecord:
    return PromiseRecord(
        project_id=1, client="Bodegas", promised_on=promised_on, made_on=made_on, **fields
    )  # type: ignore[arg-type]


def test_a_replaced_promise_says_when_and_with_how_much_notice() -> None:
    first = _promise(date(2026, 12, 23), date(2026, 10, 1))
    second = _promise(
        date(2027, 1, 4), date(2026, 12, 7), notice_sent_on=date(2026, 12, 9)
    )  # heard on Wednesday 9 December, 10 working days before the 23rd

    old, new = promise_standings([first, second], today=date(2026, 12, 10))

    assert old.standing is Standing.REPLACED
    assert not old.current
    assert old.replaced_on == date(2026, 12, 9)
    assert old.replaced_by == date(2027, 1, 4)
    assert old.notice_working_days == 10
    assert new.standing is Standing.PENDING
    assert new.current


def test_a_promise_replaced_after_its_date_has_negative_notice() -> None:
    first = _promise(date(2026, 12, 4), date(2026, 10, 1))  # a Friday
    second = _promise(
        date(2026, 12, 18), date(2026, 12, 8), told_on=date(2026, 12, 8)
    )  # told the Tuesday after

    old, _ = promise_standings([first, second], today=date(2026, 12, 8))

    assert old.notice_working_days == -2


def test_kept_and_broken_read_as_such_and_a_passed_date_is_overdue() -> None:
    kept = _promise(date(2026, 12, 4), date(2026, 10, 1), outcome="kept")
    broken = _promise(date(2026, 12, 4), date(2026, 10, 1), outcome="broken")
    passed = _promise(date(2026, 12, 4), date(2026, 10, 1))

    assert promise_standings([kept], today=date(2026, 12, 8))[0].standing is Standing.KEPT
    assert promise_standings([broken], today=date(2026, 12, 8))[0].standing is Standing.BROKEN
    assert promise_standings([passed], today=date(2026, 12, 8))[0].standing is Standing.OVERDUE
    assert promise_standings([passed], today=date(2026, 12, 4))[0].standing is Standing.PENDING


def test_a_promise_replaced_by_an_earlier_date_is_brought_forward_not_slipped() -> None:
    first = _promise(date(2027, 2, 26), date(2026, 12, 1))
    second = _promise(date(2026, 12, 17), date(2026, 12, 6))

    old, new = promise_standings([first, second], today=date(2026, 12, 6))

    assert old.standing is Standing.REPLACED
    assert old.brought_forward
    assert not new.brought_forward
