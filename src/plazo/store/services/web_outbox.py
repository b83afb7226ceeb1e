"""The outbox as the dashboard lists it: newest first, optionally one state."""

from __future__ import annotations

from plazo.store.models import Message, MessageState, Organisation

__all__ = ["OUTBOX_PAGE_SIZE", "outbox_messages"]

OUTBOX_PAGE_SIZE = 200


def outbox_messages(organisation: Organisation, *, state: str = "") -> list[Message]:
    """The organisation's newest messages (up to a page), with their projects, in one query."""
    messages = (
        Message.objects.for_organisation(organisation)
        .select_related("project")
        .defer("html", "mime", "text")
        .order_by("-created_at", "-pk")
    )
    if state in MessageState.values:
        messages = messages.filter(state=state)
    return list(messages[:OUTBOX_PAGE_SIZE])
