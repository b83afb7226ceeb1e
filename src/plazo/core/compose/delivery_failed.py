"""The delivery-failure alert (internal): a client message could not be delivered, and why."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from plazo.core.compose.common import Audience, base_problems, build_message
from plazo.core.compose.headers import raise_if
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
) -> Message:
    """Tell the project owner, in the organisation's language, that a message failed for good."""
    problems = base_problems(organisation, project)
    if not outbox_url.startswith(("https://", "http://")):
        problems.append(f"the alert needs an http(s) link to the outbox, got {outbox_url!r}")
    raise_if(problems)
    return build_message(
        kind="delivery_failed",
        audience=Audience(organisation.language, organisation.language, formal=False),
        organisation=organisation,
        project=project,
        to=[(project.owner_name, project.owner_email)],
        reply_to=None,
        sent_at=sent_at,
        message_key=message_key,
        context={
            "failed_subject": " ".join(failed_subject.split()),
            "recipients": ", ".join(recipients),
            "error": " ".join(error.split())[:500],
            "outbox_url": outbox_url,
        },
    )
