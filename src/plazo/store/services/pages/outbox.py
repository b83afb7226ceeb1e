"""The outbox as the dashboard lists it: newest first, a page at a time, optionally one state."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from plazo.store.models import Message, MessageState, Organisation

__all__ = ["OUTBOX_PAGE_SIZE", "outbox_page"]

OUTBOX_PAGE_SIZE = 100


def outbox_page(
    organisation: Organisation, *, state: str = "", page: str | int | None = None
) -> Page[Message]:
    """One page of the organisation's messages with their projects (a count and one query)."""
    messages = (
        Message.objects.for_organisation(organisation)
        .select_related("project")
        .defer("html", "mime", "text")  # the list never shows bodies; they can be large
        .order_by("-created_at", "-pk")
    )
    if state in MessageState.values:
        messages = messages.filter(state=state)
    return Paginator(messages, OUTBOX_PAGE_SIZE).get_page(page)
