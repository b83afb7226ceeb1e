"""From stored rows to the chart's plain input: the one place the chart meets the models."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from plazo.store.models import Forecast, Project, WorkItem
from plazo.web.charts import WIDTH, TimelineChart, TimelineInput, timeline_chart
from plazo.web.labels import LABELS

__all__ = ["marker_words", "project_timeline"]


def marker_words(*, client_register: str | None = None) -> dict[str, str]:
    """The date lines' labels in the active language; to the client (``client_register``
    formal or informal) the stake is "your date", never "client needs it"."""
    if client_register is None:
        return {kind: str(word) for kind, word in LABELS["marker"].items()}
    words = LABELS["client_marker"]
    return {
        "today": str(words["today"]),
        "promised": str(words["promised"]),
        "stake": str(words[f"stake:{client_register}"]),
    }


def project_timeline(
    project: Project,
    items: Iterable[WorkItem],
    forecast: Forecast | None,
    *,
    today: date,
    for_client: bool = False,
    width: int = WIDTH,
) -> TimelineChart:
    """The burn-up chart of ``project``; unestimated items weigh nothing.

    Call it with the reader's language active: the date lines' labels are laid out with it.
    """
    words = marker_words(client_register=project.client.register if for_client else None)
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
        ),
        words,
        width=width,
    )
