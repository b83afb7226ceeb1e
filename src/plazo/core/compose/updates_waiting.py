"""The approvals alert (internal): weekly updates wait for the owner's approval on *This week*."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from plazo.core.compose.common import build_owner_alert
from plazo.core.compose.inputs import Organisation, Project
from plazo.core.compose.message import Message

__all__ = ["WaitingUpdate", "compose_updates_waiting"]


@dataclass(frozen=True)
class WaitingUpdate:
    """One update that waits: its project and client, by name."""

    project_name: str
    client_name: str


def compose_updates_waiting(
    organisation: Organisation,
    project: Project,
    waiting: Sequence[WaitingUpdate],
    *,
    week_url: str,
    sent_at: datetime,
    message_key: str,
    language: str | None = None,
) -> Message:
    """Tell the owner, in their ``language`` (default: the organisation's), which updates wait.

    ``project`` carries the reader (``owner_name``, ``owner_email``) and the thread (``key``);
    the alert is about every project in ``waiting``, one alert per check-in, not per project.
    """
    return build_owner_alert(
        kind="updates_waiting",
        organisation=organisation,
        project=project,
        link=week_url,
        link_problem="the alert needs an http(s) link to This week",
        problems=[] if waiting else ["the alert needs at least one waiting update"],
        sent_at=sent_at,
        message_key=message_key,
        language=language,
        context={"waiting": list(waiting), "count": len(waiting), "week_url": week_url},
    )
