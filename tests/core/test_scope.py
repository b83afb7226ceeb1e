"""One definition of in scope and done on a day, the one every burn-up uses."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from plazo.core.scope import ScopeItem, done_by, done_hours, hours_by_day, in_scope, scope_hours

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


_DAY = st.integers(0, 40).map(lambda n: date(2026, 11, 1) + timedelta(days=n))
_ITEM = st.builds(
    ScopeItem,
    st.floats(0, 80, allow_nan=False),
    _DAY,
    st.none() | _DAY,
    st.none() | _DAY,
)


@given(st.lists(_ITEM, max_size=30), st.lists(_DAY, max_size=12))
def test_hours_by_day_are_done_and_scope_hours_on_each_day(items, days) -> None:  # type: ignore[no-untyped-def]
    done, scope = hours_by_day(items, days)
    assert done == [done_hours(items, day) for day in days]
    assert scope == [scope_hours(items, day) for day in days]
