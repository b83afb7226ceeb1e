"""Webhook events: one delivery row per subscribed endpoint, written in the caller's transaction.

An event is recorded if and only if the decision that caused it commits: :func:`emit` refuses to
run outside a transaction, and the worker posts the rows later (``plazo.webhooks.delivery``). The
payload says what a receiving tool needs to act (ids, names, dates), never an e-mail body, a
recipient address or a secret.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from django.db import transaction

from plazo.store.models import (
    DelayCase,
    Message,
    MessageKind,
    Organisation,
    Project,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)

__all__ = [
    "emit",
    "emit_case_opened",
    "emit_message_sent",
    "envelope",
    "listening_organisations",
]

_EVENT_OF_KIND = {
    MessageKind.DELAY_NOTICE: WebhookEvent.NOTICE_SENT,
    MessageKind.WEEKLY_UPDATE: WebhookEvent.UPDATE_SENT,
}

Data = Mapping[str, Any]


def _iso(moment: date | datetime | None) -> str | None:
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).isoformat()
    return moment.isoformat() if moment is not None else None


def envelope(
    event_id: uuid.UUID, event: str, organisation_slug: str, data: Data, *, now: datetime
) -> dict[str, Any]:
    """The JSON every delivery posts: ``{"id", "type", "created_at", "organisation", "data"}``."""
    return {
        "id": str(event_id),
        "type": event,
        "created_at": _iso(now),
        "organisation": organisation_slug,
        "data": dict(data),
    }


def listening_organisations() -> frozenset[int]:
    """The organisations with at least one active endpoint (one query).

    A worker reads it once per delivery pass, so sending mail for an organisation without
    webhooks costs nothing more; an endpoint added during a pass hears from the next one.
    """
    return frozenset(
        WebhookEndpoint.objects.filter(active=True).values_list("organisation_id", flat=True)
    )


def emit(
    organisation: Organisation | int,
    event: str,
    data: Data | Callable[[], Data],
    *,
    now: datetime,
) -> list[WebhookDelivery]:
    """Queue ``event`` for every active endpoint of ``organisation`` subscribed to it.

    ``data`` may be a function, called only when some endpoint listens, so an organisation
    without webhooks pays one query per event. Must run inside the transaction of the decision.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("emit() must run inside the transaction of the decision it reports")
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.for_organisation(org_id).filter(active=True)
        if endpoint.receives(event)
    ]
    if not endpoints:
        return []
    slug = (
        organisation.slug
        if isinstance(organisation, Organisation)
        else Organisation.objects.values_list("slug", flat=True).get(pk=org_id)
    )
    event_id = uuid.uuid4()
    payload = envelope(event_id, event, slug, data() if callable(data) else data, now=now)
    return WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            organisation_id=org_id,
            endpoint=endpoint,
            event=event,
            event_id=event_id,
            payload=payload,
            created_at=now,
        )
        for endpoint in endpoints
    )


def _project_data(project: Project) -> dict[str, Any]:
    return {
        "id": project.pk,
        "name": project.name,
        "external_id": project.external_id,
        "promised_on": _iso(project.promised_on),
        "client": {"id": project.client_id, "name": project.client.name},
    }


def emit_case_opened(case: DelayCase, *, now: datetime) -> list[WebhookDelivery]:
    """``delay_case.opened``: the forecast put a promise in danger and a draft case exists."""

    def data() -> Data:
        forecast = case.forecast
        return {
            "project": _project_data(case.project),
            "delay_case": {
                "id": case.pk,
                "trigger": case.trigger,
                "opened_at": _iso(case.opened_at),
                "previous_promised_on": _iso(case.previous_promised_on),
                "recommended_on": _iso(case.recommended_on),
            },
            "forecast": None
            if forecast is None
            else {
                "id": forecast.pk,
                "p_on_time": forecast.p_on_time,
                "finish_p85_on": _iso(forecast.finish_p85_on),
            },
        }

    return emit(case.organisation_id, WebhookEvent.CASE_OPENED, data, now=now)


def emit_message_sent(message: Message, *, now: datetime) -> list[WebhookDelivery]:
    """``notice.sent`` or ``update.sent`` when a delay notice or weekly update went out."""
    event = _EVENT_OF_KIND.get(MessageKind(message.kind))
    project_id = message.project_id
    if event is None or project_id is None:
        return []

    def data() -> Data:
        project = Project.objects.select_related("client").get(pk=project_id)
        sent: dict[str, Any] = {
            "project": _project_data(project),
            "message": {
                "id": message.pk,
                "kind": message.kind,
                "language": message.language,
                "subject": message.subject,
                "sent_at": _iso(now),
            },
        }
        case = message.delay_case
        if event is WebhookEvent.NOTICE_SENT and case is not None:
            sent["delay_case"] = {
                "id": case.pk,
                "previous_promised_on": _iso(case.previous_promised_on),
                "new_promised_on": _iso(case.chosen_on),
            }
        return sent

    return emit(message.organisation_id, event, data, now=now)
