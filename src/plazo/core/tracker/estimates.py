"""Estimates from labels such as ``estimate: 3h``, ``size: 5`` or ``sp 2 pts``, in hours."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from plazo.core.tracker.records import hours

__all__ = ["DEFAULT_ESTIMATE_LABEL", "EstimateRule"]

DEFAULT_ESTIMATE_LABEL = (
    r"(?i)^\s*(?:estimate|size|points?|sp)\s*[:=]?\s*(?P<value>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>h|hrs?|hours?|d|days?|pts?|points?)?\s*$"
)
_HOUR_UNITS = frozenset({"h", "hr", "hrs", "hour", "hours"})
_DAY_UNITS = frozenset({"d", "day", "days"})


@dataclass(frozen=True)
class EstimateRule:
    """How labels become hours.

    ``pattern`` must have a group named ``value`` (or, failing that, a first group) holding the
    number, and may have one named ``unit``: hours (``h``), days (``d``, times ``hours_per_day``)
    or points (``pt``, times ``hours_per_point``). A label without a unit counts in points, as
    ``size: 5`` means on most boards.
    """

    pattern: str = DEFAULT_ESTIMATE_LABEL
    hours_per_point: Decimal = Decimal(4)
    hours_per_day: Decimal = Decimal(8)

    def __post_init__(self) -> None:
        compiled = re.compile(self.pattern)  # re.error tells the caller what is wrong
        if "value" not in compiled.groupindex and compiled.groups < 1:
            raise ValueError("the estimate pattern needs a group for the number, e.g. (\\d+)")

    def hours_from_labels(self, labels: Iterable[str]) -> Decimal | None:
        """The estimate of the first label that matches, in hours; None when none does."""
        compiled = re.compile(self.pattern)
        for label in labels:
            found = compiled.search(label)
            if found is None:
                continue
            named = found.groupdict()
            number = named["value"] if "value" in named else found.group(1)
            try:
                value = Decimal(number)
            except (InvalidOperation, TypeError):
                continue
            return hours(value * self._unit_hours((named.get("unit") or "").lower()))
        return None

    def _unit_hours(self, unit: str) -> Decimal:
        if unit in _HOUR_UNITS:
            return Decimal(1)
        if unit in _DAY_UNITS:
            return self.hours_per_day
        return self.hours_per_point
