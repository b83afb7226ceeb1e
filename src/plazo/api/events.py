"""Turn the events of a request body into the progress service's event values."""

from __future__ import annotations

from plazo.api.schemas import EventsIn, ItemAddedIn, ItemDoneIn, ItemRemovedIn
from plazo.store.services.work.progress import (
    ItemAdded,
    ItemDone,
    ItemReestimated,
    ItemRemoved,
    ProgressEvent,
)

__all__ = ["events_from_body"]


def events_from_body(body: EventsIn) -> list[ProgressEvent]:
    """One service event per body event, in order."""
    events: list[ProgressEvent] = []
    for event in body.events:
        if isinstance(event, ItemAddedIn):
            events.append(
                ItemAdded(
                    title=event.title,
                    estimate_hours=event.estimate_hours,
                    estimator=event.estimator,
                    external_id=event.external_id,
                    on=event.on,
                )
            )
        elif isinstance(event, ItemDoneIn):
            events.append(ItemDone(event.item_id, on=event.on, actual_hours=event.actual_hours))
        elif isinstance(event, ItemRemovedIn):
            events.append(ItemRemoved(event.item_id, on=event.on))
        else:
            events.append(ItemReestimated(event.item_id, event.estimate_hours))
    return events
