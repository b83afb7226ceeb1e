"""When a project's weekly check-in is due, in the client's own time zone, across DST changes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = ["checkin_due_at", "iso_week", "next_checkin"]


def iso_week(day: date) -> str:
    """The ISO week label of ``day``, e.g. ``2026-W49``: the period of a weekly update."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def checkin_due_at(day: date, *, weekday: int, hour: int, time_zone: str) -> datetime:
    """The aware instant of the check-in in the ISO week of ``day`` (weekday 0 = Monday).

    The hour is wall-clock time where the client is: 9:00 in Madrid is 08:00 UTC in winter and
    07:00 UTC in summer. A wall time that does not exist (skipped by a spring-forward change) moves
    forward by the gap, as ``zoneinfo`` resolves it with ``fold=0``.
    """
    if not 0 <= weekday <= 6 or not 0 <= hour <= 23:
        raise ValueError(f"weekday must be 0-6 and hour 0-23, got {weekday} and {hour}")
    monday = day - timedelta(days=day.weekday())
    local = datetime.combine(monday + timedelta(days=weekday), time(hour), ZoneInfo(time_zone))
    # Round-trip through UTC so a non-existent wall time becomes a real instant.
    return local.astimezone(ZoneInfo("UTC")).astimezone(local.tzinfo)


def next_checkin(after: datetime, *, weekday: int, hour: int, time_zone: str) -> datetime:
    """The first check-in instant strictly after the aware instant ``after``."""
    if after.tzinfo is None:
        raise ValueError("'after' must be time-zone aware")
    local_day = after.astimezone(ZoneInfo(time_zone)).date()
    due = checkin_due_at(local_day, weekday=weekday, hour=hour, time_zone=time_zone)
    if due <= after:
        due = checkin_due_at(
            local_day + timedelta(days=7), weekday=weekday, hour=hour, time_zone=time_zone
        )
    return due
