"""The check-in failure alert (internal): a project's weekly check-in could not run, and why."""

from __future__ import annotations

from datetime import datetime

from plazo.core.compose.common import Audience, base_problems, build_message
from plazo.core.compose.headers import raise_if
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
) -> Message:
    """Tell the project owner, in the organisation's language, that the check-in failed."""
    problems = base_problems(organisation, project)
    if not project_url.startswith(("https://", "http://")):
        problems.append(f"the alert needs an http(s) link to the project, got {project_url!r}")
    raise_if(problems)
    return build_message(
        kind="checkin_failed",
        audience=Audience(organisation.language, organisation.language, formal=False),
        organisation=organisation,
        project=project,
        to=[(project.owner_name, project.owner_email)],
        reply_to=None,
        sent_at=sent_at,
        message_key=message_key,
        context={"reason": " ".join(reason.split())[:500], "project_url": project_url},
    )
