"""From stored rows to the chart's plain input: the one place the chart meets the models."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from plazo.store.models import Forecast, Project, WorkItem
from plazo.web.charts import TimelineChart, TimelineInput, timeline_chart

__all__ = ["project_timeline"]


def project_timeline(
    project: Project, items: Iterable[WorkItem], forecast: Forecast | None, *, today: date
) -> TimelineChart:
    """The burn-up chart of ``project``; unestimated items weigh nothing."""
    return timeline_chart(
        TimelineInput(
            start_on=project.start_on,
            today=today,
            items=[item.scope_item() for item in items],
            promised_on=project.promised_on,
            stake_on=project.stake_on,
            finish_p50_on=forecast.finish_p50_on if forecast else None,
            finish_p85_on=forecast.finish_p85_on if forecast else None,
            finish_p95_on=forecast.finish_p95_on if forecast else None,
        )
    )
