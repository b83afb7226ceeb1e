"""When a project's weekly check-in is due, in the client's own time zone, across DST changes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = [
    "checkin_due_at",
    "following_checkin",
    "iso_week",
    "next_checkin",
    "owed_checkin",
    "project_begins",
]


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


def _first_on_or_after(day: date, *, weekday: int, hour: int, time_zone: str) -> datetime:
    """The first check-in instant whose local date is ``day`` or later."""
    due = checkin_due_at(day, weekday=weekday, hour=hour, time_zone=time_zone)
    if due.date() < day:
        due = checkin_due_at(
            day + timedelta(days=7), weekday=weekday, hour=hour, time_zone=time_zone
        )
    return due


def next_checkin(
    after: datetime,
    *,
    weekday: int,
    hour: int,
    time_zone: str,
    started_on: date | None = None,
) -> datetime:
    """The first check-in instant strictly after the aware instant ``after`` (and, given the
    project's ``started_on``, not before its start: updates begin with the project)."""
    if after.tzinfo is None:
        raise ValueError("'after' must be time-zone aware")
    local_day = after.astimezone(ZoneInfo(time_zone)).date()
    due = checkin_due_at(local_day, weekday=weekday, hour=hour, time_zone=time_zone)
    if due <= after:
        due = checkin_due_at(
            local_day + timedelta(days=7), weekday=weekday, hour=hour, time_zone=time_zone
        )
    if started_on is not None and due.date() < started_on:
        due = _first_on_or_after(started_on, weekday=weekday, hour=hour, time_zone=time_zone)
    return due


def owed_checkin(
    now: datetime,
    *,
    weekday: int,
    hour: int,
    time_zone: str,
    started_on: date,
    created_at: datetime | None = None,
) -> datetime:
    """The check-in whose update a project owes at ``now``: the one of the current ISO week of
    the client's calendar, unless it fell before the project began; then the first one at or
    after that. A project begins on its start day, or when it was created in plazo if that was
    later: a project typed in on Sunday owes no update for a check-in that was already past when
    it was created, whatever start date it was given. The update is due once ``now`` reaches it.

    A project created on Sunday 6 Dec with check-ins on Mondays owes no update for the week of
    Mon 30 Nov (it was not in plazo then): its first is Mon 7 Dec, as the portfolio's "next
    check-in" (:func:`next_checkin`) says. The owed check-in names the update (:func:`iso_week`
    of its date), so an update sent early ("send now" on Sunday) is Monday's, and Monday brings
    no second one. The update's period runs from the check-in before it (or from when the
    project began, :func:`project_begins`) to its own check-in.
    """
    if now.tzinfo is None:
        raise ValueError("'now' must be time-zone aware")
    local_day = now.astimezone(ZoneInfo(time_zone)).date()
    due = checkin_due_at(local_day, weekday=weekday, hour=hour, time_zone=time_zone)
    begins = project_begins(started_on, time_zone=time_zone, created_at=created_at)
    if due < begins:
        due = _first_at_or_after(begins, weekday=weekday, hour=hour, time_zone=time_zone)
    return due


def project_begins(
    started_on: date, *, time_zone: str, created_at: datetime | None = None
) -> datetime:
    """When a project's updates begin: the start of its start day in the client's time zone, or
    the moment it was created in plazo if that was later. Its first update period opens then;
    nothing before it is an update of the project (a "send now" is refused)."""
    if created_at is not None and created_at.tzinfo is None:
        raise ValueError("'created_at' must be time-zone aware")
    begins = datetime.combine(started_on, time(0), ZoneInfo(time_zone))
    if created_at is not None and created_at > begins:
        begins = created_at
    return begins


def following_checkin(checkin: datetime, *, weekday: int, hour: int, time_zone: str) -> datetime:
    """The check-in a week after ``checkin`` (same weekday and wall-clock hour, across DST)."""
    day = checkin.astimezone(ZoneInfo(time_zone)).date() + timedelta(days=7)
    return checkin_due_at(day, weekday=weekday, hour=hour, time_zone=time_zone)


def _first_at_or_after(instant: datetime, *, weekday: int, hour: int, time_zone: str) -> datetime:
    """The first check-in instant at or after the aware ``instant``."""
    day = instant.astimezone(ZoneInfo(time_zone)).date()
    due = checkin_due_at(day, weekday=weekday, hour=hour, time_zone=time_zone)
    if due < instant:
        due = checkin_due_at(
            day + timedelta(days=7), weekday=weekday, hour=hour, time_zone=time_zone
        )
    return due
