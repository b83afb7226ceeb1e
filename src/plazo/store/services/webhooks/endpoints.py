"""Webhook endpoints: add one (its secret shown once), list them, remove one, queue a ping."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from plazo.core.errors import PlazoError
from plazo.store.models import Organisation, WebhookDelivery, WebhookEndpoint, WebhookEvent
from plazo.store.services.webhooks.events import envelope
from plazo.webhooks.addresses import non_public_address

__all__ = [
    "SUBSCRIBABLE_EVENTS",
    "WebhookEndpointError",
    "add_endpoint",
    "check_endpoint_url",
    "list_endpoints",
    "queue_ping",
    "recent_deliveries",
    "remove_endpoint",
    "set_endpoint_active",
]

SUBSCRIBABLE_EVENTS = (
    WebhookEvent.CASE_OPENED.value,
    WebhookEvent.NOTICE_SENT.value,
    WebhookEvent.UPDATE_SENT.value,
)
_validate_url = URLValidator(schemes=["http", "https"])


def _no_lookup(*_: object, **__: object) -> list[tuple[object, ...]]:
    """Names are checked when posting (they may change); here only literal addresses."""
    raise OSError("not resolved when adding")


class WebhookEndpointError(PlazoError):
    """An endpoint operation that cannot be done; the message says why and how to fix it.

    ``code`` is ``bad_url``, ``private_address`` (``address`` names it) or ``refused``.
    """

    address = ""


def check_endpoint_url(url: str) -> None:
    """Refuse what is not an http(s) URL, or names a non-public address (unless allowed)."""
    try:
        _validate_url(url)
    except ValidationError:
        raise WebhookEndpointError(
            f"{url!r} is not an http:// or https:// URL", code="bad_url"
        ) from None
    if not settings.PLAZO_WEBHOOK_ALLOW_PRIVATE:
        address = non_public_address(url, resolve=_no_lookup)
        if address is not None:
            error = WebhookEndpointError(
                f"{url!r} points at {address}, not a public address; set "
                "PLAZO_WEBHOOK_ALLOW_PRIVATE=1 to allow private networks",
                code="private_address",
            )
            error.address = str(address)
            raise error


@transaction.atomic
def add_endpoint(
    organisation: Organisation,
    url: str,
    *,
    events: Sequence[str] = SUBSCRIBABLE_EVENTS,
    now: datetime,
) -> WebhookEndpoint:
    """A new active endpoint for ``organisation``, with a fresh 256-bit secret."""
    check_endpoint_url(url)
    unknown = sorted(set(events) - set(SUBSCRIBABLE_EVENTS))
    if unknown or not events:
        raise WebhookEndpointError(
            f"unknown events {', '.join(unknown) or '(none given)'}; "
            f"choose from {', '.join(SUBSCRIBABLE_EVENTS)}"
        )
    return WebhookEndpoint.objects.create(
        organisation=organisation,
        url=url,
        events=[event for event in SUBSCRIBABLE_EVENTS if event in events],
        created_at=now,
    )


def list_endpoints(organisation: Organisation | None = None) -> list[WebhookEndpoint]:
    """Every endpoint, oldest first, optionally of one organisation."""
    endpoints = WebhookEndpoint.objects.select_related("organisation").order_by("created_at", "pk")
    if organisation is not None:
        endpoints = endpoints.filter(organisation=organisation)
    return list(endpoints)


def _endpoint(endpoint_id: int, organisation: Organisation | None) -> WebhookEndpoint:
    endpoints = WebhookEndpoint.objects.select_related("organisation").filter(pk=endpoint_id)
    if organisation is not None:
        endpoints = endpoints.filter(organisation=organisation)
    found = endpoints.first()
    if found is None:
        raise WebhookEndpointError(f"no webhook {endpoint_id} (see 'plazo webhook list')")
    return found


@transaction.atomic
def remove_endpoint(
    endpoint_id: int, *, organisation: Organisation | None = None
) -> WebhookEndpoint:
    """Delete the endpoint and its deliveries (pending ones are never posted)."""
    endpoint = _endpoint(endpoint_id, organisation)
    endpoint.delete()
    return endpoint


@transaction.atomic
def set_endpoint_active(
    endpoint_id: int, *, active: bool, organisation: Organisation | None = None
) -> WebhookEndpoint:
    """Pause (``active=False``) or resume the endpoint. A paused endpoint gets no new deliveries;
    ones already queued are still posted (they were decided while it was active)."""
    endpoint = _endpoint(endpoint_id, organisation)
    if endpoint.active != active:
        endpoint.active = active
        endpoint.save(update_fields=["active"])
    return endpoint


def recent_deliveries(
    endpoints: Sequence[WebhookEndpoint], *, per_endpoint: int = 5
) -> dict[int, list[WebhookDelivery]]:
    """The newest ``per_endpoint`` deliveries of each endpoint, newest first, by endpoint id
    (without their payloads)."""
    found: dict[int, list[WebhookDelivery]] = {endpoint.pk: [] for endpoint in endpoints}
    if not endpoints:
        return found
    for endpoint in endpoints:
        found[endpoint.pk] = list(
            WebhookDelivery.objects.filter(endpoint=endpoint)
            .defer("payload")
            .order_by("-created_at", "-pk")[:per_endpoint]
        )
    return found


@transaction.atomic
def queue_ping(
    endpoint_id: int, *, now: datetime, organisation: Organisation | None = None
) -> WebhookDelivery:
    """Queue a ``ping`` to the endpoint, whatever it subscribes to, to test the receiver."""
    endpoint = _endpoint(endpoint_id, organisation)
    event_id = uuid.uuid4()
    return WebhookDelivery.objects.create(
        organisation_id=endpoint.organisation_id,
        endpoint=endpoint,
        event=WebhookEvent.PING,
        event_id=event_id,
        payload=envelope(
            event_id,
            WebhookEvent.PING,
            endpoint.organisation.slug,
            {"endpoint": {"id": endpoint.pk, "url": endpoint.url, "events": endpoint.events}},
            now=now,
        ),
        created_at=now,
    )
