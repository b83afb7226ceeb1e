"""Projects and work items as a tracker gives them, already in plazo's units (hours, dates)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import ROUND_HALF_EVEN, Decimal

__all__ = [
    "NAME_LENGTH",
    "TITLE_LENGTH",
    "TrackerBatch",
    "TrackerItem",
    "TrackerProject",
    "clip",
    "day_of",
    "hours",
]

_CENT = Decimal("0.01")
_HOURS_LIMIT = Decimal(1_000_000)  # the hour columns hold 8 digits with 2 decimals
NAME_LENGTH = 200
TITLE_LENGTH = 300


@dataclass(frozen=True)
class TrackerProject:
    """A milestone or fix version: what was promised, by when, and whether it shipped.

    ``promise_made_at`` is when the tracker last changed the promise (the best stand-in for when
    it was made); ``delivered_on`` is set once the milestone is closed or the version released.
    """

    external_id: str
    name: str
    start_on: date | None
    promised_on: date | None = None
    promise_made_at: datetime | None = None
    delivered_on: date | None = None


@dataclass(frozen=True)
class TrackerItem:
    """An issue. ``status`` is plazo's (todo, doing, done); ``removed_on`` marks dropped scope."""

    external_id: str
    project_external_id: str
    title: str
    status: str
    added_on: date
    estimate_hours: Decimal | None = None
    actual_hours: Decimal | None = None
    completed_on: date | None = None
    removed_on: date | None = None


@dataclass
class TrackerBatch:
    """Everything one run fetched, with what it left out and why (``skipped`` by reason)."""

    projects: list[TrackerProject] = field(default_factory=list)
    items: list[TrackerItem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    pages: int = 0


def hours(value: Decimal | float | int | None) -> Decimal | None:
    """Hours rounded to cents; None when there is nothing to store.

    Trackers report an untracked estimate or time as 0 or null, so zero counts as none; so do
    values plazo cannot hold (negative, a million hours or more).
    """
    if value is None:
        return None
    amount = Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_EVEN)
    if amount <= 0 or amount >= _HOURS_LIMIT:
        return None
    return amount


def day_of(timestamp: str | None, zone: tzinfo) -> date | None:
    """The calendar day of an ISO 8601 timestamp in ``zone`` (a bare date is taken as it is)."""
    if not timestamp:
        return None
    if len(timestamp) == 10:
        return date.fromisoformat(timestamp)
    moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    return moment.astimezone(zone).date() if moment.tzinfo else moment.date()


def clip(text: str, length: int) -> str:
    """``text`` trimmed to fit a column of ``length`` characters (an ellipsis marks the cut)."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
