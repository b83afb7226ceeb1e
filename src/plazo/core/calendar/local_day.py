"""The calendar day a moment falls on somewhere: the one rule behind every "today"."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

__all__ = ["local_day"]


def local_day(now: datetime, time_zone: str) -> date:
    """The date it is at ``now`` in ``time_zone`` (an IANA name such as ``Europe/Madrid``).

    A project's "today" is its client's ``local_day``: whether a promise has passed, which week a
    check-in belongs to and the first day a new date can be all follow from it.
    """
    if now.tzinfo is None:
        raise ValueError("local_day needs an aware datetime")
    return now.astimezone(_zone(time_zone)).date()


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
