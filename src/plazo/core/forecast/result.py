"""One project's forecast: effort and date percentiles, chances, a date to promise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["ProjectForecast"]


@dataclass(frozen=True)
class ProjectForecast:
    """One project's forecast; dates are None when no start or capacity was given."""

    model: str
    trials: int
    history_size: int
    remaining_hours: float
    effort_p50_hours: float
    effort_p85_hours: float
    effort_p95_hours: float
    finish_p50_on: date | None = None
    finish_p85_on: date | None = None
    finish_p95_on: date | None = None
    p_on_time: float | None = None
    recommended_on: date | None = None
    confidence: float = 0.85
    reason: str = ""
