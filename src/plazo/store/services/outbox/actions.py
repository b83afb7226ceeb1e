"""What a person can do to an outbox message: send it again now, or stop it from going out."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from plazo.core.errors import PlazoError
from plazo.store.models import Message, MessageState, Organisation

__all__ = ["OutboxActionError", "cancel_message", "retry_message"]


class OutboxActionError(PlazoError):
    """The message is not in a state that allows the action; ``state`` is the one it is in."""

    def __init__(self, message: str, state: str) -> None:
        super().__init__(message)
        self.state = state


@transaction.atomic
def retry_message(organisation: Organisation, message_id: int, *, now: datetime) -> Message:
    """Queue a failed (or waiting) message to be sent at the next worker pass.

    Compare-and-set on the state seen, like the worker's claim: if a worker moved the message in
    between, nothing changes and the person is told what it is now.
    """
    message = _get(organisation, message_id)
    if message.state not in MessageState.retryable():
        raise OutboxActionError(
            f"message {message.pk} is {message.state}; only failed or retrying ones can be retried",
            message.state,
        )
    changed = Message.objects.filter(pk=message.pk, state=message.state).update(
        state=MessageState.QUEUED, next_attempt_at=now, queued_at=now
    )
    return _after(message, changed)


@transaction.atomic
def cancel_message(organisation: Organisation, message_id: int, *, now: datetime) -> Message:
    """Stop a message that has not been sent from ever going out."""
    message = _get(organisation, message_id)
    if message.state not in MessageState.cancellable():
        raise OutboxActionError(
            f"message {message.pk} is {message.state}; only unsent ones can be cancelled",
            message.state,
        )
    changed = Message.objects.filter(pk=message.pk, state=message.state).update(
        state=MessageState.CANCELLED, next_attempt_at=None
    )
    return _after(message, changed)


def _get(organisation: Organisation, message_id: int) -> Message:
    """The message, only if it belongs to ``organisation`` (else ``Message.DoesNotExist``)."""
    return Message.objects.for_organisation(organisation).get(pk=message_id)


def _after(message: Message, changed: int) -> Message:
    message.refresh_from_db()
    if changed != 1:
        raise OutboxActionError(
            f"message {message.pk} changed meanwhile; it is {message.state} now", message.state
        )
    return message
