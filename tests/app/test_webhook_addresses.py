"""Webhooks post to public addresses only, unless PLAZO_WEBHOOK_ALLOW_PRIVATE allows more."""

from __future__ import annotations

import random
import socket
from typing import Any

import pytest
from pytest_django.fixtures import Settings

from plazo.store.models import WebhookDelivery
from plazo.store.services.webhooks.endpoints import (
    WebhookEndpointError,
    add_endpoint,
    queue_ping,
)
from plazo.webhooks.addresses import non_public_address
from plazo.webhooks.delivery import drain_due_webhooks
from tests.app.factories import NOW, make_org
from tests.app.webhook_receiver import WebhookReceiver, webhook_receiver


def _resolving_to(*addresses: str) -> Any:
    def resolve(host: str, port: object, **_: object) -> list[tuple[Any, ...]]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 0)) for a in addresses]

    return resolve


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data/",  # a cloud metadata service
        "http://[::1]:9000/hook",
        "http://[fd00::1]/hook",
        "http://0.0.0.0/hook",
    ],
)
def test_loopback_private_and_link_local_addresses_are_not_public(url: str) -> None:
    assert non_public_address(url, resolve=_resolving_to("93.184.215.14")) is not None


def test_a_name_is_judged_by_every_address_it_resolves_to() -> None:
    public = _resolving_to("93.184.215.14")
    assert non_public_address("https://hooks.example.com/x", resolve=public) is None
    mixed = _resolving_to("93.184.215.14", "10.0.0.7")
    assert non_public_address("https://hooks.example.com/x", resolve=mixed) == "10.0.0.7"


def test_a_name_that_does_not_resolve_is_left_to_the_http_client() -> None:
    def fail(*_: object, **__: object) -> list[tuple[Any, ...]]:
        raise socket.gaierror("no such host")

    assert non_public_address("https://nowhere.invalid/x", resolve=fail) is None


@pytest.mark.django_db
def test_adding_a_private_address_is_refused_unless_allowed(settings: Settings) -> None:
    settings.PLAZO_WEBHOOK_ALLOW_PRIVATE = False
    org = make_org()
    with pytest.raises(WebhookEndpointError, match="not a public address"):
        add_endpoint(org, "http://169.254.169.254/hook", now=NOW)
    named = add_endpoint(org, "https://hooks.example.com/plazo", now=NOW)  # checked when posting
    assert named.pk is not None


@pytest.mark.django_db
def test_a_delivery_to_a_private_address_fails_without_a_request(
    settings: Settings,
) -> None:
    receiver = WebhookReceiver()
    with webhook_receiver(receiver) as url:
        endpoint = add_endpoint(make_org(), url, now=NOW)  # allowed while it was added
        ping = queue_ping(endpoint.pk, now=NOW)
        settings.PLAZO_WEBHOOK_ALLOW_PRIVATE = False
        report = drain_due_webhooks(now=NOW, rng=random.Random(1))
    assert report.failed == [ping.pk]
    assert receiver.received == []
    failed = WebhookDelivery.objects.get(pk=ping.pk)
    assert "127.0.0.1, not a public address" in failed.last_error
