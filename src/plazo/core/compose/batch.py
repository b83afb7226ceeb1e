"""Many weekly updates at once, optionally over a process pool (charts are CPU-bound)."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from plazo.core.compose.inputs import Client, Contact, ForecastView, Organisation, Project, Updates
from plazo.core.compose.message import Message
from plazo.core.compose.weekly_update import compose_weekly_update

__all__ = ["WeeklyUpdateInput", "compose_weekly_updates"]


@dataclass(frozen=True)
class WeeklyUpdateInput:
    """Everything one weekly update is composed from."""

    organisation: Organisation
    client: Client
    contacts: tuple[Contact, ...]
    project: Project
    forecast: ForecastView
    updates: Updates
    sent_at: datetime
    message_key: str | None = None


def _compose_one(item: WeeklyUpdateInput) -> Message:
    return compose_weekly_update(
        item.organisation,
        item.client,
        item.contacts,
        item.project,
        item.forecast,
        item.updates,
        sent_at=item.sent_at,
        message_key=item.message_key,
    )


def compose_weekly_updates(
    items: Sequence[WeeklyUpdateInput], *, processes: int = 1, chunk_size: int = 50
) -> list[Message]:
    """Compose in order; with ``processes`` > 1 the work is split over a process pool.

    A ComposeError for one item stops the batch, as the caller should fix that input first.
    """
    if processes <= 1 or len(items) < 2 * chunk_size:
        return [_compose_one(item) for item in items]
    with ProcessPoolExecutor(max_workers=processes) as pool:
        return list(pool.map(_compose_one, items, chunksize=chunk_size))
