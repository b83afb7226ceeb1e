"""Check-ins happen at the client's wall-clock hour, whatever daylight-saving time does."""

from datetime import UTC, date, datetime, timedelta

import pytest

from plazo.core.checkin import checkin_due_at, iso_week, next_checkin, owed_checkin


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


def test_a_project_started_after_this_weeks_checkin_owes_its_first_update_next_week() -> None:
    sunday = datetime(2026, 12, 6, 11, 0, tzinfo=UTC)  # Sun 6 Dec; the week's check-in was 30 Nov
    slot = {"weekday": 0, "hour": 9, "time_zone": "Europe/Madrid"}
    owed = owed_checkin(sunday, started_on=date(2026, 12, 6), **slot)  # type: ignore[arg-type]
    assert owed == datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # Mon 7 Dec, 9:00 in Madrid
    assert owed == next_checkin(sunday, started_on=date(2026, 12, 6), **slot)  # type: ignore[arg-type]


def test_a_project_that_existed_at_this_weeks_checkin_owes_it() -> None:
    sunday = datetime(2026, 12, 6, 11, 0, tzinfo=UTC)
    slot = {"weekday": 0, "hour": 9, "time_zone": "Europe/Madrid"}
    owed = owed_checkin(sunday, started_on=date(2026, 11, 30), **slot)  # type: ignore[arg-type]
    assert owed == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def test_a_project_starting_later_owes_nothing_before_its_start() -> None:
    sunday = datetime(2026, 12, 6, 11, 0, tzinfo=UTC)
    slot = {"weekday": 2, "hour": 9, "time_zone": "UTC"}  # Wednesdays
    start = date(2026, 12, 24)  # a Thursday: the first Wednesday on or after is 30 Dec
    expected = datetime(2026, 12, 30, 9, 0, tzinfo=UTC)
    assert owed_checkin(sunday, started_on=start, **slot) == expected  # type: ignore[arg-type]
    assert next_checkin(sunday, started_on=start, **slot) == expected  # type: ignore[arg-type]


def test_a_project_created_after_this_weeks_checkin_owes_nothing_in_the_past() -> None:
    # S7: started on 2 Nov but typed into plazo on Sunday 6 Dec: the Monday of its week
    # (30 Nov) was already past when it was created, so its first update is Mon 7 Dec.
    sunday = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)
    slot = {"weekday": 0, "hour": 9, "time_zone": "Europe/Madrid"}
    owed = owed_checkin(sunday, started_on=date(2026, 11, 2), created_at=sunday, **slot)  # type: ignore[arg-type]
    assert owed == datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    assert owed > sunday


def test_a_project_created_before_this_weeks_checkin_owes_it() -> None:
    sunday = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)
    created = datetime(2026, 11, 30, 7, 59, tzinfo=UTC)  # a minute before Monday 9:00 in Madrid
    slot = {"weekday": 0, "hour": 9, "time_zone": "Europe/Madrid"}
    owed = owed_checkin(sunday, started_on=date(2026, 11, 2), created_at=created, **slot)  # type: ignore[arg-type]
    assert owed == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def test_a_created_project_is_never_owed_a_checkin_before_its_creation() -> None:
    slot = {"weekday": 3, "hour": 18, "time_zone": "America/New_York"}
    for hours in range(0, 24 * 14, 5):
        created = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(hours=hours)
        for later in (0, 1, 30, 24 * 6):
            now = created + timedelta(hours=later)
            owed = owed_checkin(now, started_on=date(2026, 10, 1), created_at=created, **slot)  # type: ignore[arg-type]
            assert owed >= created
        at_creation = owed_checkin(
            created, started_on=date(2026, 10, 1), created_at=created, **slot
        )  # type: ignore[arg-type]
        assert created <= at_creation <= created + timedelta(days=7)
