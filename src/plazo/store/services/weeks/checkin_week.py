"""A project's check-in week, in its client's calendar, and the key of that week's update."""

from __future__ import annotations

from datetime import datetime

from plazo.core.checkin import iso_week
from plazo.store.models import Project

__all__ = ["checkin_week", "weekly_key"]


def checkin_week(project: Project, now: datetime) -> str:
    """The ISO week of the client's calendar that ``now`` falls in (``2026-W49``)."""
    return iso_week(project.client_today(now))


def weekly_key(project: Project, now: datetime, *, week: str | None = None) -> str:
    """One weekly update per project per ISO week of the client's calendar."""
    return f"weekly:{project.pk}:{week or checkin_week(project, now)}"
