"""The check-in failure alert (internal): a project's weekly check-in could not run, and why."""

from __future__ import annotations

from datetime import datetime

from plazo.core.compose.common import build_owner_alert
from plazo.core.compose.inputs import Organisation, Project
from plazo.core.compose.message import Message

__all__ = ["compose_checkin_failed"]


def compose_checkin_failed(
    organisation: Organisation,
    project: Project,
    *,
    reason: str,
    project_url: str,
    sent_at: datetime,
    message_key: str,
    language: str | None = None,
) -> Message:
    """Tell the project owner, in their ``language`` (default: the organisation's), that the
    check-in failed."""
    return build_owner_alert(
        kind="checkin_failed",
        organisation=organisation,
        project=project,
        link=project_url,
        link_problem="the alert needs an http(s) link to the project",
        sent_at=sent_at,
        message_key=message_key,
        language=language,
        context={"reason": " ".join(reason.split())[:500], "project_url": project_url},
    )
