"""The owner alert (internal): which project needs a delay notice, why, and where the draft is."""

from __future__ import annotations

from datetime import date, datetime

from plazo.core.compose.common import build_owner_alert
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
    language: str | None = None,
    stake_latest_on: date | None = None,
) -> Message:
    """Alert the project owner, in their ``language`` (default: the organisation's), that a
    notice waits for them.

    With ``recommended_on`` (the new date the forecast recommends) on or after the client's stake
    date, the alert says the stake is missed, so the owner hears it before opening the draft,
    and what the review page offers: ``stake_latest_on``, the latest date that still makes the
    stake, or (None) that no date before it can be promised any more.
    """
    key = message_key or f"alert-{sent_at.date().isoformat()}"
    return build_owner_alert(
        kind="owner_alert",
        organisation=organisation,
        project=project,
        link=draft_url,
        link_problem="the owner alert needs an http(s) link to the draft",
        problems=["sent_at must be time-zone aware"] if sent_at.tzinfo is None else [],
        language=language,
        sent_at=sent_at,
        message_key=key,
        context={
            "client_name": client_name,
            "forecast": forecast,
            "health": str(forecast.health),
            "draft_url": draft_url,
            "recommended_on": recommended_on,
            "stake_latest_on": stake_latest_on,
            "misses_stake": bool(
                recommended_on and project.stake_on and recommended_on >= project.stake_on
            ),
        },
    )
