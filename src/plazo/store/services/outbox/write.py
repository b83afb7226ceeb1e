"""Store a composed message in the outbox, once per idempotency key."""

from __future__ import annotations

from datetime import datetime

from plazo.core import compose
from plazo.store.models import DelayCase, Message, MessageState, Organisation, Project
from plazo.store.services.unique_insert import insert_or_get

__all__ = ["rewrite_message", "store_message"]


def store_message(
    composed: compose.Message,
    *,
    organisation: Organisation | int,
    project: Project | None,
    key: str,
    state: MessageState,
    now: datetime,
    delay_case: DelayCase | None = None,
    kind: str | None = None,
) -> tuple[Message, bool]:
    """Write ``composed`` under ``key``; if that key exists, return the stored one instead.

    The unique key, not a prior lookup, is what stops a second worker from writing the same
    message: the loser's insert is refused (inside a savepoint when in a transaction) and it
    reads the winner's row.
    """
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    fields = {
        "organisation_id": org_id,
        "project": project,
        "delay_case": delay_case,
        "kind": kind or composed.kind,
        **_content(composed),
        "state": state,
        "created_at": now,
        "queued_at": now if state == MessageState.QUEUED else None,
    }
    return insert_or_get(
        lambda: Message.objects.create(idempotency_key=key, **fields),
        lambda: Message.objects.filter(idempotency_key=key).first(),
    )


def _content(composed: compose.Message) -> dict[str, object]:
    """What a message says and to whom, as stored."""
    return {
        "language": composed.language,
        "subject": composed.subject,
        "text": composed.text,
        "html": composed.html,
        "mime": composed.to_email().as_bytes(),
        "recipients": list(composed.recipients),
        "message_id": composed.message_id,
    }


def rewrite_message(message: Message, composed: compose.Message, *, now: datetime) -> Message:
    """Replace an unsent message's content with ``composed``, written at ``now``.

    The key, state and kind stay. ``created_at`` becomes ``now``: it is when what the message
    says was written (a weekly update reports what was done after the last one's).
    """
    content = _content(composed)
    for name, value in content.items():
        setattr(message, name, value)
    message.created_at = now
    message.save(update_fields=[*content, "created_at"])
    return message
