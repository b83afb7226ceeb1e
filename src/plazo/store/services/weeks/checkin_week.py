"""A project's check-in week, in its client's calendar, and the key of that week's update."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from plazo.core.checkin import following_checkin, iso_week, owed_checkin, project_begins
from plazo.store.models import Project

__all__ = [
    "begins_of",
    "checkin_label",
    "checkin_week",
    "following_checkin_of",
    "owed_checkin_of",
    "weekly_key",
]


def begins_of(project: Project) -> datetime:
    """When the project's updates begin (:func:`project_begins`): nothing is sent before."""
    return project_begins(
        project.start_on, time_zone=project.client.time_zone, created_at=project.created_at
    )


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


def following_checkin_of(project: Project, checkin: datetime) -> datetime:
    """The project's check-in a week after ``checkin``."""
    return following_checkin(
        checkin,
        weekday=project.checkin_weekday,
        hour=project.checkin_hour,
        time_zone=project.client.time_zone,
    )


def checkin_label(project: Project, checkin: datetime) -> str:
    """The ISO week (``2026-W49``) of a check-in's date in the client's calendar: its name in
    keys and decisions (one check-in per ISO week, so the label names it, across years too)."""
    return iso_week(checkin.astimezone(ZoneInfo(project.client.time_zone)).date())


def checkin_week(project: Project, now: datetime) -> str:
    """The ISO week (``2026-W49``) of the check-in the project owes at ``now``, in the client's
    calendar: the current week, or the next one for a project created after this week's
    check-in (its update sent early on Sunday is Monday's, not a second one)."""
    return checkin_label(project, owed_checkin_of(project, now))


def weekly_key(project: Project, now: datetime, *, week: str | None = None) -> str:
    """One weekly update per project per check-in week of the client's calendar."""
    return f"weekly:{project.pk}:{week or checkin_week(project, now)}"
