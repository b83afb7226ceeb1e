"""Check-ins happen at the client's wall-clock hour, whatever daylight-saving time does."""

from datetime import UTC, date, datetime, timedelta

import pytest

from plazo.core.checkin import checkin_due_at, iso_week, next_checkin


def test_nine_in_madrid_is_eight_utc_in_winter_and_seven_in_summer() -> None:
    winter = checkin_due_at(date(2026, 12, 2), weekday=0, hour=9, time_zone="Europe/Madrid")
    summer = checkin_due_at(date(2026, 7, 1), weekday=0, hour=9, time_zone="Europe/Madrid")
    assert winter.astimezone(UTC) == datetime(2026, 11, 30, 8, tzinfo=UTC)
    assert summer.astimezone(UTC) == datetime(2026, 6, 29, 7, tzinfo=UTC)


def test_the_week_of_the_spring_change_keeps_the_wall_clock_hour() -> None:
    # Europe changes on Sunday 2027-03-28: Monday 29 is the first summer-time Monday.
    before = next_checkin(
        datetime(2027, 3, 22, 12, tzinfo=UTC), weekday=0, hour=9, time_zone="Europe/Madrid"
    )
    assert before.astimezone(UTC) == datetime(2027, 3, 29, 7, tzinfo=UTC)
    assert (before.hour, before.minute) == (9, 0)


def test_a_skipped_wall_time_moves_forward_to_a_real_instant() -> None:
    # 02:00 on 2027-03-28 does not exist in Madrid; the check-in happens at 03:00 local.
    due = checkin_due_at(date(2027, 3, 28), weekday=6, hour=2, time_zone="Europe/Madrid")
    assert due.astimezone(UTC) == datetime(2027, 3, 28, 1, tzinfo=UTC)
    assert due.hour == 3


def test_the_autumn_change_in_new_york_keeps_nine_local() -> None:
    # The US falls back on Sunday 2026-11-01.
    friday_before = checkin_due_at(
        date(2026, 10, 30), weekday=4, hour=9, time_zone="America/New_York"
    )
    friday_after = checkin_due_at(
        date(2026, 11, 6), weekday=4, hour=9, time_zone="America/New_York"
    )
    assert friday_before.astimezone(UTC).hour == 13
    assert friday_after.astimezone(UTC).hour == 14


def test_next_checkin_is_strictly_after_and_weekly() -> None:
    at = checkin_due_at(date(2026, 12, 2), weekday=2, hour=10, time_zone="Europe/London")
    following = next_checkin(at, weekday=2, hour=10, time_zone="Europe/London")
    assert (following - at).days == 7
    just_before = at - timedelta(seconds=1)
    assert next_checkin(just_before, weekday=2, hour=10, time_zone="Europe/London") == at


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        next_checkin(datetime(2026, 12, 1), weekday=0, hour=9, time_zone="UTC")


def test_iso_week_labels_cross_the_new_year() -> None:
    assert iso_week(date(2026, 12, 31)) == "2026-W53"
    assert iso_week(date(2027, 1, 4)) == "2027-W01"
