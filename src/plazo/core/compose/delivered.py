"""The delivered message: thanks, what was delivered, and how any credit will be applied."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from plazo.core.compose.common import base_problems, build_client_message
from plazo.core.compose.headers import raise_if
from plazo.core.compose.inputs import Client, Contact, Offer, Organisation, Project
from plazo.core.compose.message import Message

__all__ = ["compose_delivered"]


def compose_delivered(
    organisation: Organisation,
    client: Client,
    contacts: Sequence[Contact],
    project: Project,
    delivered_items: Sequence[str],
    offer: Offer | None,
    *,
    delivered_on: date,
    sent_at: datetime,
    message_key: str = "delivered",
) -> Message:
    """Compose the thank-you for a delivery; ``offer`` is the compensation still to apply."""
    problems = base_problems(organisation, project, client, contacts)
    items = [item for item in delivered_items if item.strip()]
    if not items:
        problems.append("nothing delivered: list at least one delivered item")
    raise_if(problems)
    return build_client_message(
        kind="delivered",
        organisation=organisation,
        client=client,
        contacts=contacts,
        project=project,
        sent_at=sent_at,
        message_key=message_key,
        context={
            "items": items,
            "offer": offer,
            "delivered_on": delivered_on,
            "on_time": delivered_on <= project.promised_on,
        },
    )
