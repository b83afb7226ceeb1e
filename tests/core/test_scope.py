"""One definition of in scope and done on a day, the one every burn-up uses."""

from datetime import date

from plazo.core.scope import ScopeItem, done_by, done_hours, in_scope, scope_hours

D = date(2026, 11, 10)


def test_an_item_done_by_the_day_and_still_in_scope_is_done() -> None:
    assert done_by(ScopeItem(8, date(2026, 11, 2), completed_on=D), D)


def test_an_item_removed_after_it_was_done_stops_counting_as_delivered() -> None:
    item = ScopeItem(8, date(2026, 11, 2), removed_on=date(2026, 11, 12), completed_on=D)
    assert done_by(item, date(2026, 11, 11))
    assert not done_by(item, date(2026, 11, 12))
    assert not in_scope(item, date(2026, 11, 12))


def test_an_item_without_a_completion_is_never_done() -> None:
    assert not done_by(ScopeItem(8, date(2026, 11, 2)), D)


def test_hours_sum_only_what_counts_on_the_day() -> None:
    items = [
        ScopeItem(8, date(2026, 11, 2), completed_on=D),
        ScopeItem(5, date(2026, 11, 2)),
        ScopeItem(3, date(2026, 11, 11)),
    ]
    assert (done_hours(items, D), scope_hours(items, D)) == (8, 13)
