"""One project's forecast: effort and date percentiles, chances, a date to promise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["GrowthForecast", "ProjectForecast"]


@dataclass(frozen=True)
class GrowthForecast:
    """The same forecast with the work the team is expected to add (scope growth)."""

    rate: float  # mean added work per unit of known work, over the observations
    observations: int
    known_hours: float  # the project's known work (done + remaining) the growth scales
    effort_p50_hours: float
    effort_p85_hours: float
    effort_p95_hours: float
    finish_p50_on: date | None = None
    finish_p85_on: date | None = None
    finish_p95_on: date | None = None
    p_on_time: float | None = None
    recommended_on: date | None = None


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
    unestimated_items: int = 0  # remaining items sized from finished items' actual effort
    remaining_items: int = 0  # estimated and unestimated
    growth: GrowthForecast | None = None
    effort_unit: str = "hours"  # throughput without a capacity counts working days
    throughput_weeks: int = 0  # past weeks the throughput model drew from
    items_per_week: float = 0.0  # their mean completed items
