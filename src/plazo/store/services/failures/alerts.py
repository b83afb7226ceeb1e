"""Tell the owner when something fails for good (a client message, a project's check-in), so
silence is never an accident."""

from __future__ import annotations

from datetime import datetime

from plazo.core import compose
from plazo.store.links import links
from plazo.store.models import Message, MessageKind, MessageState, Project
from plazo.store.services.composing import inputs
from plazo.store.services.outbox.write import store_message

__all__ = ["alert_owner_of_failure", "queue_owner_alert"]


def alert_owner_of_failure(failed: Message, error: str, *, now: datetime) -> Message | None:
    """Queue one alert to the project's owner for ``failed``; None when there is no owner."""
    project = failed.project
    if project is None or project.owner is None or not project.owner.email:
        return None
    composed = compose.compose_delivery_failed(
        inputs.organisation_input(project.organisation),
        inputs.project_input(project),
        failed_subject=failed.subject,
        recipients=list(failed.recipients),
        error=error,
        outbox_url=links().outbox(),
        sent_at=now,
        message_key=f"failed-{failed.pk}",
        language=inputs.owner_language(project),
    )
    return queue_owner_alert(composed, project, key=f"delivery_failed:{failed.pk}", now=now)


def queue_owner_alert(
    composed: compose.Message, project: Project, *, key: str, now: datetime
) -> Message:
    """Queue an alert about ``project`` for the next worker pass, once per ``key``."""
    alert, _ = store_message(
        composed,
        organisation=project.organisation_id,
        project=project,
        key=key,
        state=MessageState.QUEUED,
        now=now,
        kind=MessageKind.OWNER_ALERT,
    )
    return alert
