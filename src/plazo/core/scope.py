"""What counts as in scope, and as done, on a given day: the one definition behind every burn-up.

The dashboard's timeline, the e-mail's chart and the percent complete all read these two
functions, so they can never disagree about how much work was delivered by a day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

__all__ = ["ScopeItem", "done_by", "done_hours", "hours_by_day", "in_scope", "scope_hours"]


@dataclass(frozen=True)
class ScopeItem:
    """One work item as a burn-up sees it.

    ``completed_on`` is set only while the item is done: a reopened item carries ``None``, so a
    completion date left behind by a status change never counts.
    """

    estimate_hours: float
    added_on: date
    removed_on: date | None = None
    completed_on: date | None = None


def in_scope(item: ScopeItem, day: date) -> bool:
    """The item had been added by ``day`` and not yet removed."""
    return item.added_on <= day and (item.removed_on is None or item.removed_on > day)


def done_by(item: ScopeItem, day: date) -> bool:
    """Delivered work on ``day``: done by then, and still part of the scope."""
    return in_scope(item, day) and item.completed_on is not None and item.completed_on <= day


def scope_hours(items: Iterable[ScopeItem], day: date) -> float:
    """Estimated hours in scope on ``day``."""
    return sum(i.estimate_hours for i in items if in_scope(i, day))


def done_hours(items: Iterable[ScopeItem], day: date) -> float:
    """Estimated hours of delivered work on ``day``."""
    return sum(i.estimate_hours for i in items if done_by(i, day))


def hours_by_day(
    items: Sequence[ScopeItem], days: Iterable[date]
) -> tuple[list[float], list[float]]:
    """``done_hours`` and ``scope_hours`` on each of ``days`` (a burn-up's two series).

    The same numbers as calling both for every day, summed in the same order, with each item's
    scope checked once per day rather than twice.
    """
    done: list[float] = []
    scope: list[float] = []
    for day in days:
        kept = [i for i in items if in_scope(i, day)]
        scope.append(sum(i.estimate_hours for i in kept))
        done.append(
            sum(
                i.estimate_hours
                for i in kept
                if i.completed_on is not None and i.completed_on <= day
            )
        )
    return done, scope
