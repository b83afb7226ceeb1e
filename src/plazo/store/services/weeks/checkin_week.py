"""A project's check-in week, in its client's calendar, and the key of that week's update."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from plazo.core.checkin import iso_week, owed_checkin
from plazo.store.models import Project

__all__ = ["checkin_week", "owed_checkin_of", "weekly_key"]


def owed_checkin_of(project: Project, now: datetime) -> datetime:
    """The check-in whose update ``project`` owes at ``now`` (:func:`owed_checkin`): never one
    that was already past when the project was created in plazo."""
    return owed_checkin(
        now,
        weekday=project.checkin_weekday,
        hour=project.checkin_hour,
        time_zone=project.client.time_zone,
        started_on=project.start_on,
        created_at=project.created_at,
    )


def checkin_week(project: Project, now: datetime) -> str:
    """The ISO week (``2026-W49``) of the check-in the project owes at ``now``, in the client's
    calendar: the current week, or the next one for a project created after this week's
    check-in (its update sent early on Sunday is Monday's, not a second one)."""
    due = owed_checkin_of(project, now)
    return iso_week(due.astimezone(ZoneInfo(project.client.time_zone)).date())


def weekly_key(project: Project, now: datetime, *, week: str | None = None) -> str:
    """One weekly update per project per check-in week of the client's calendar."""
    return f"weekly:{project.pk}:{week or checkin_week(project, now)}"
