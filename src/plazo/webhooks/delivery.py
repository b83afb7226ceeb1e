"""Post due webhook deliveries, signed, and record sent, retry or failed (like the e-mail outbox).

Life-cycle: queued → sending → sent, or → retry (with ``next_attempt_at``) → sending …, or →
failed. A claim is a compare-and-set ``UPDATE … WHERE <still due>`` whose row count says which
worker won, and a lease (``claimed_until``): a worker that dies mid-post leaves its delivery to
another worker once the lease ends, so a receiver may, rarely, see one delivery twice and should
treat ``X-Plazo-Delivery`` / the event ``id`` as idempotency keys.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from django.conf import settings
from django.db.models import F, Q

from plazo import __version__
from plazo.core.retry import MAX_ATTEMPTS, retry_delay
from plazo.core.webhook_signature import sign
from plazo.sources.limits import retry_after_seconds
from plazo.store.models import WebhookDelivery
from plazo.store.models import WebhookDeliveryState as State
from plazo.webhooks.addresses import non_public_address

__all__ = [
    "LEASE",
    "TIMEOUT",
    "USER_AGENT",
    "WebhookReport",
    "deliver_due_webhooks",
    "deliver_webhook",
    "drain_due_webhooks",
    "new_client",
    "signed_request",
]

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=10)
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
USER_AGENT = f"plazo/{__version__}"
# A Retry-After longer than this is not honoured as such: the backoff's own schedule resumes.
MAX_RETRY_AFTER = 3600.0
Clock = Callable[[], float]


@dataclass
class WebhookReport:
    """What one pass did, by delivery id."""

    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Attempt:
    status: int | None  # None when no HTTP answer came back
    error: str
    transient: bool
    retry_after: float | None = None  # seconds the receiver asked us to wait (Retry-After)


def new_client() -> httpx.Client:
    """An HTTP client with short timeouts that never follows redirects."""
    return httpx.Client(timeout=TIMEOUT, follow_redirects=False, headers={"User-Agent": USER_AGENT})


def _due(now: datetime) -> Q:
    waiting = Q(state__in=[State.QUEUED, State.RETRY]) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    return waiting | Q(state=State.SENDING, claimed_until__lte=now)  # an expired lease


def deliver_due_webhooks(
    *,
    now: datetime,
    rng: random.Random,
    limit: int = 100,
    client: httpx.Client | None = None,
    clock: Clock = time.time,
) -> WebhookReport:
    """Post every due delivery this worker manages to claim (at most ``limit``)."""
    report = WebhookReport()
    candidates = list(
        WebhookDelivery.objects.filter(_due(now))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    if not candidates:
        return report
    http = client or new_client()
    try:
        for pk in candidates:
            if _claim(pk, now):  # else another worker won it
                _post_claimed(pk, http, now, rng, clock, report)
    finally:
        if client is None:
            http.close()
    return report


def drain_due_webhooks(*, now: datetime, rng: random.Random) -> WebhookReport:
    """Post due deliveries batch after batch, until a batch finds nothing left to claim."""
    report = WebhookReport()
    if not WebhookDelivery.objects.filter(_due(now)).exists():
        return report  # the common case: no TLS context to build, no client to open
    with new_client() as http:
        while True:
            batch = deliver_due_webhooks(now=now, rng=rng, client=http)
            if not (batch.sent or batch.retrying or batch.failed):
                return report
            report.sent += batch.sent
            report.retrying += batch.retrying
            report.failed += batch.failed


def deliver_webhook(
    pk: int, *, now: datetime, rng: random.Random, clock: Clock = time.time
) -> WebhookDelivery:
    """Post one delivery now if it is due and nobody holds it; returns its recorded state."""
    if _claim(pk, now):
        with new_client() as http:
            _post_claimed(pk, http, now, rng, clock, WebhookReport())
    return WebhookDelivery.objects.get(pk=pk)


def _claim(pk: int, now: datetime) -> bool:
    """Compare-and-set: take the delivery only if it is still due, so one worker wins it.

    The condition is the due test itself, lease included: comparing the state alone would let two
    workers that both saw the same expired lease both take it over.
    """
    claimed = WebhookDelivery.objects.filter(_due(now), pk=pk).update(
        state=State.SENDING, attempts=F("attempts") + 1, claimed_until=now + LEASE
    )
    return claimed == 1


def signed_request(delivery: WebhookDelivery, timestamp: int) -> tuple[bytes, dict[str, str]]:
    """The body and headers that post ``delivery``, signed at ``timestamp`` (Unix seconds)."""
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Plazo-Event": delivery.event,
        "X-Plazo-Delivery": str(delivery.pk),
        "X-Plazo-Timestamp": str(timestamp),
        "X-Plazo-Signature": sign(delivery.endpoint.secret, timestamp, body),
    }
    return body, headers


def _attempt(delivery: WebhookDelivery, http: httpx.Client, clock: Clock) -> _Attempt:
    if not settings.PLAZO_WEBHOOK_ALLOW_PRIVATE:
        address = non_public_address(delivery.endpoint.url)
        if address is not None:
            refusal = (
                f"not posted: the endpoint's host is {address}, not a public address "
                "(set PLAZO_WEBHOOK_ALLOW_PRIVATE=1 to allow private networks)"
            )
            return _Attempt(None, refusal, transient=False)
    body, headers = signed_request(delivery, int(clock()))
    try:
        # Streamed so the receiver's answer is never read: only its status matters.
        with http.stream("POST", delivery.endpoint.url, content=body, headers=headers) as answer:
            status = answer.status_code
            reason = answer.reason_phrase
            asked = answer.headers.get("retry-after")
    except httpx.UnsupportedProtocol as error:
        return _Attempt(None, f"{type(error).__name__}: {error}", transient=False)
    except httpx.TransportError as error:  # refused, reset, timed out, DNS
        return _Attempt(None, f"{type(error).__name__}: {error}", transient=True)
    if 200 <= status < 300:
        return _Attempt(status, "", transient=False)
    # 408 and 429 ask us to come back; 5xx is the receiver's trouble; any other answer (a
    # redirect, 4xx) will not change by itself.
    transient = status in (408, 429) or status >= 500
    wait = retry_after_seconds(asked, clock()) if asked and transient else None
    return _Attempt(status, f"HTTP {status} {reason}".strip(), transient, wait)


def _post_claimed(
    pk: int,
    http: httpx.Client,
    now: datetime,
    rng: random.Random,
    clock: Clock,
    report: WebhookReport,
) -> None:
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=pk)
    attempt = _attempt(delivery, http, clock)
    done = WebhookDelivery.objects.filter(pk=pk)
    common = {
        "last_status": attempt.status,
        "last_error": attempt.error[:1000],
        "claimed_until": None,
    }
    # 1. A 2xx answer: sent. 2. A transient failure with attempts left: wait and retry.
    # 3. Anything else: failed for good.
    if attempt.status is not None and not attempt.error:
        done.update(state=State.SENT, sent_at=now, next_attempt_at=None, **common)
        report.sent.append(pk)
    elif attempt.transient and delivery.attempts < MAX_ATTEMPTS:
        delay = retry_delay(delivery.attempts, rng)
        if attempt.retry_after is not None:  # the receiver's wish, within reason
            delay = max(delay, timedelta(seconds=min(attempt.retry_after, MAX_RETRY_AFTER)))
        done.update(state=State.RETRY, next_attempt_at=now + delay, **common)
        report.retrying.append(pk)
    else:
        done.update(state=State.FAILED, next_attempt_at=None, **common)
        report.failed.append(pk)
        log.warning("webhook delivery %s failed for good: %s", pk, attempt.error)
