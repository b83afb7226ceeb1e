"""Pieces every kind of import shares: counts, progress reporting, batched reads and writes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

__all__ = [
    "BATCH_SIZE",
    "Counts",
    "ProgressCallback",
    "Reforecast",
    "assign",
    "batches",
    "bulk_write",
    "lookup_in",
]

BATCH_SIZE = 2000  # rows per INSERT/UPDATE: large enough to be fast, small for SQLite's limits
UPDATE_BATCH_SIZE = 500  # bulk_update builds one CASE per field; its cost grows with batch²
LOOKUP_BATCH_SIZE = 900  # values per IN (...) list, under every backend's parameter limit

ProgressCallback = Callable[[str, int, int], None]
"""Called as ``progress(phase, done, total)`` while an import reads and writes."""

Reforecast = Callable[[int], object]
"""Called with a project's id once an import has committed, for each project it touched (bulk
writes send no save signals, so the caller says how re-forecasts are scheduled)."""

_T = TypeVar("_T")
_M = TypeVar("_M", bound=models.Model)


@dataclass
class Counts:
    """How many rows of each model an import creates, updates, or finds already up to date."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def record(self, what: str, *, created: bool, changed: bool) -> None:
        """Count one row of ``what`` (a plural noun such as "clients")."""
        target = self.created if created else self.updated if changed else self.unchanged
        target[what] += 1


def batches(items: Sequence[_T], size: int = BATCH_SIZE) -> Iterator[Sequence[_T]]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def assign(instance: models.Model, values: dict[str, Any]) -> list[str]:
    """Set ``values`` on ``instance``; returns the names of the fields that really changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return changed


def bulk_write(
    model: type[_M],
    created: list[_M],
    updated: list[_M],
    fields: Iterable[str],
    *,
    phase: str,
    progress: ProgressCallback | None,
) -> None:
    """Insert ``created`` and update ``fields`` of ``updated``, in batches, reporting progress."""
    total = len(created) + len(updated)
    done = 0
    for batch in batches(created):
        model.objects.bulk_create(batch)  # type: ignore[attr-defined]
        done += len(batch)
        if progress:
            progress(phase, done, total)
    names = sorted(set(fields))
    for batch in batches(updated, UPDATE_BATCH_SIZE):
        if names:
            model.objects.bulk_update(batch, names)  # type: ignore[attr-defined]
        done += len(batch)
        if progress:
            progress(phase, done, total)


def lookup_in(
    queryset: models.QuerySet[_M], field_name: str, values: Iterable[str]
) -> Iterator[_M]:
    """Rows of ``queryset`` whose ``field_name`` is one of ``values``, in bounded IN lists."""
    wanted = sorted(set(values))
    for batch in batches(wanted, LOOKUP_BATCH_SIZE):
        yield from queryset.filter(**{f"{field_name}__in": batch})
