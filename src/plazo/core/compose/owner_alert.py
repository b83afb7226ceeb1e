"""The owner alert (internal): which project needs a delay notice, why, and where the draft is."""

from __future__ import annotations

from datetime import date, datetime

from plazo.core.compose.common import Audience, base_problems, build_message
from plazo.core.compose.formats import Formats
from plazo.core.compose.headers import raise_if
from plazo.core.compose.inputs import ForecastView, Organisation, Project
from plazo.core.compose.message import Message

__all__ = ["compose_owner_alert"]


def compose_owner_alert(
    organisation: Organisation,
    project: Project,
    forecast: ForecastView,
    *,
    client_name: str,
    draft_url: str,
    sent_at: datetime,
    message_key: str | None = None,
    recommended_on: date | None = None,
) -> Message:
    """Alert the project owner, in the organisation's language, that a notice waits for them.

    With ``recommended_on`` (the new date the forecast recommends) on or after the client's stake
    date, the alert says the stake is missed, so the owner hears it before opening the draft.
    """
    problems = base_problems(organisation, project)
    if not draft_url.startswith(("https://", "http://")):
        problems.append(f"the owner alert needs an http(s) link to the draft, got {draft_url!r}")
    if sent_at.tzinfo is None:
        problems.append("sent_at must be time-zone aware")
    raise_if(problems)
    Formats.for_locale(organisation.language)
    audience = Audience(organisation.language, organisation.language, formal=False)
    key = message_key or f"alert-{sent_at.date().isoformat()}"
    return build_message(
        kind="owner_alert",
        audience=audience,
        organisation=organisation,
        project=project,
        to=[(project.owner_name, project.owner_email)],
        reply_to=None,
        sent_at=sent_at,
        message_key=key,
        context={
            "client_name": client_name,
            "forecast": forecast,
            "health": str(forecast.health),
            "draft_url": draft_url,
            "recommended_on": recommended_on,
            "misses_stake": bool(
                recommended_on and project.stake_on and recommended_on >= project.stake_on
            ),
        },
    )
