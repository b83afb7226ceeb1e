"""The delivery-failure alert (internal): a client message could not be delivered, and why."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from plazo.core.compose.common import build_owner_alert
from plazo.core.compose.inputs import Organisation, Project
from plazo.core.compose.message import Message

__all__ = ["compose_delivery_failed"]


def compose_delivery_failed(
    organisation: Organisation,
    project: Project,
    *,
    failed_subject: str,
    recipients: Sequence[str],
    error: str,
    outbox_url: str,
    sent_at: datetime,
    message_key: str,
    language: str | None = None,
) -> Message:
    """Tell the project owner, in their ``language`` (default: the organisation's), that a message
    failed for good."""
    return build_owner_alert(
        kind="delivery_failed",
        organisation=organisation,
        project=project,
        link=outbox_url,
        link_problem="the alert needs an http(s) link to the outbox",
        sent_at=sent_at,
        message_key=message_key,
        language=language,
        context={
            "failed_subject": " ".join(failed_subject.split()),
            "recipients": ", ".join(recipients),
            "error": " ".join(error.split())[:500],
            "outbox_url": outbox_url,
        },
    )
