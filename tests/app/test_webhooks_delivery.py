"""The worker posts deliveries signed, retries what may pass later with backoff, stops on a no."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import timedelta

import pytest

from plazo import __version__
from plazo.core.retry import MAX_ATTEMPTS
from plazo.store.models import WebhookDelivery, WebhookEndpoint
from plazo.store.services.webhooks.endpoints import add_endpoint, queue_ping
from plazo.webhooks.delivery import LEASE, deliver_webhook, drain_due_webhooks
from plazo.worker.due import run_due_work
from tests.app.factories import NOW, make_org
from tests.app.smtp_server import unused_port
from tests.app.webhook_receiver import WebhookReceiver, webhook_receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver() -> WebhookReceiver:
    return WebhookReceiver()


@pytest.fixture
def endpoint(receiver: WebhookReceiver) -> Iterator[WebhookEndpoint]:
    with webhook_receiver(receiver) as url:
        created = add_endpoint(make_org(), url, now=NOW)
        receiver.secret = created.secret
        yield created


def _drain(at: timedelta = timedelta(0)) -> tuple[list[int], list[int], list[int]]:
    report = drain_due_webhooks(now=NOW + at, rng=random.Random(1))
    return report.sent, report.retrying, report.failed


def test_a_delivery_is_posted_once_with_the_documented_headers(
    receiver: WebhookReceiver, endpoint: WebhookEndpoint
) -> None:
    ping = queue_ping(endpoint.pk, now=NOW)
    assert _drain() == ([ping.pk], [], [])
    (request,) = receiver.received
    assert request.path == "/hooks/plazo"
    assert request.signature_valid
    assert request.headers["content-type"] == "application/json"
    assert request.headers["user-agent"] == f"plazo/{__version__}"
    assert request.headers["x-plazo-event"] == "ping"
    assert request.headers["x-plazo-delivery"] == str(ping.pk)
    assert request.headers["x-plazo-signature"].startswith("sha256=")
    assert json.loads(request.body) == ping.payload
    ping.refresh_from_db()
    assert (ping.state, ping.attempts, ping.last_status, ping.sent_at) == ("sent", 1, 200, NOW)
    assert _drain(timedelta(days=1)) == ([], [], [])
    assert len(receiver.received) == 1


def test_a_503_is_retried_with_backoff_then_sent(
    receiver: WebhookReceiver, endpoint: WebhookEndpoint
) -> None:
    receiver.replies.append(503)
    ping = queue_ping(endpoint.pk, now=NOW)
    assert _drain() == ([], [ping.pk], [])
    ping.refresh_from_db()
    assert (ping.state, ping.last_status, ping.last_error) == (
        "retry",
        503,
        "HTTP 503 Service Unavailable",
    )
    assert ping.next_attempt_at is not None
    assert NOW + timedelta(seconds=30) <= ping.next_attempt_at <= NOW + timedelta(minutes=1)

    assert _drain(timedelta(seconds=29)) == ([], [], [])  # not before its time
    assert _drain(ping.next_attempt_at - NOW) == ([ping.pk], [], [])
    ping.refresh_from_db()
    assert (ping.state, ping.attempts, ping.last_status, ping.last_error) == ("sent", 2, 200, "")
    assert [r.headers["x-plazo-delivery"] for r in receiver.received] == [str(ping.pk)] * 2
    assert all(r.signature_valid for r in receiver.received)


def test_a_retry_after_answer_is_honoured(
    receiver: WebhookReceiver, endpoint: WebhookEndpoint
) -> None:
    receiver.replies.append((429, {"Retry-After": "600"}))
    ping = queue_ping(endpoint.pk, now=NOW)
    assert _drain() == ([], [ping.pk], [])
    ping.refresh_from_db()
    assert ping.next_attempt_at == NOW + timedelta(seconds=600)  # not the backoff's 30-60 s
    assert _drain(timedelta(seconds=599)) == ([], [], [])
    assert _drain(timedelta(seconds=600)) == ([ping.pk], [], [])


@pytest.mark.parametrize("status", [408, 429, 500, 502])
def test_answers_that_may_change_are_retried(
    status: int, receiver: WebhookReceiver, endpoint: WebhookEndpoint
) -> None:
    receiver.replies.append(status)
    ping = queue_ping(endpoint.pk, now=NOW)
    assert _drain() == ([], [ping.pk], [])


@pytest.mark.parametrize("status", [301, 400, 401, 404, 410])
def test_other_answers_fail_at_once(
    status: int, receiver: WebhookReceiver, endpoint: WebhookEndpoint
) -> None:
    receiver.replies.append(status)
    ping = queue_ping(endpoint.pk, now=NOW)
    assert _drain() == ([], [], [ping.pk])
    ping.refresh_from_db()
    assert (ping.state, ping.attempts, ping.last_status) == ("failed", 1, status)
    assert ping.next_attempt_at is None
    assert _drain(timedelta(days=1)) == ([], [], [])
    assert len(receiver.received) == 1


def test_a_refused_connection_is_retried() -> None:
    endpoint = add_endpoint(make_org(), f"http://127.0.0.1:{unused_port()}/hook", now=NOW)
    ping = queue_ping(endpoint.pk, now=NOW)
    assert _drain() == ([], [ping.pk], [])
    ping.refresh_from_db()
    assert ping.state == "retry"
    assert ping.last_status is None
    assert ping.last_error.startswith("ConnectError")


def test_the_last_allowed_attempt_fails_for_good(
    receiver: WebhookReceiver, endpoint: WebhookEndpoint
) -> None:
    receiver.replies.append(503)
    ping = queue_ping(endpoint.pk, now=NOW)
    WebhookDelivery.objects.filter(pk=ping.pk).update(attempts=MAX_ATTEMPTS - 1)
    assert _drain() == ([], [], [ping.pk])
    ping.refresh_from_db()
    assert (ping.state, ping.attempts) == ("failed", MAX_ATTEMPTS)


def test_a_held_lease_is_left_alone_and_an_expired_one_taken_over(
    receiver: WebhookReceiver, endpoint: WebhookEndpoint
) -> None:
    ping = queue_ping(endpoint.pk, now=NOW)
    WebhookDelivery.objects.filter(pk=ping.pk).update(
        state="sending", attempts=1, claimed_until=NOW + LEASE
    )
    assert _drain() == ([], [], [])
    assert _drain(LEASE) == ([ping.pk], [], [])
    ping.refresh_from_db()
    assert (ping.state, ping.attempts, ping.claimed_until) == ("sent", 2, None)


def test_a_ping_is_posted_right_away(receiver: WebhookReceiver, endpoint: WebhookEndpoint) -> None:
    ping = deliver_webhook(queue_ping(endpoint.pk, now=NOW).pk, now=NOW, rng=random.Random(1))
    assert ping.state == "sent"
    assert json.loads(receiver.received[0].body)["data"]["endpoint"]["id"] == endpoint.pk


def test_the_workers_pass_posts_due_webhooks(
    receiver: WebhookReceiver, endpoint: WebhookEndpoint
) -> None:
    ping = queue_ping(endpoint.pk, now=NOW)
    done = run_due_work(now=NOW, rng=random.Random(1))
    assert done.webhooks.sent == [ping.pk]
    assert receiver.received[0].signature_valid
