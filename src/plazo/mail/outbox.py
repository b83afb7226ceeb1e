"""The outbox: claim due messages, send them through Django's e-mail backend, record the outcome.

Life-cycle: queued → sending → sent, or → retry (with ``next_attempt_at``) → sending …, or →
failed. Claims are compare-and-set updates (``UPDATE … WHERE state IN (queued, retry)``) whose row
count says who won, so any number of workers may run this at once; a claim is a lease, so a worker
that dies mid-send leaves a message another worker re-sends after the lease: at most that one
message can go out twice.
"""

from __future__ import annotations

import logging
import random
import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q

from plazo.core.retry import MAX_ATTEMPTS, retry_delay
from plazo.mail.stored import StoredEmail
from plazo.store.models import DelayCase, DelayCaseState, Message, MessageKind, MessageState
from plazo.store.services.delays.alerts import refresh_owner_alert
from plazo.store.services.delays.told import close_case_told
from plazo.store.services.failures.alerts import alert_owner_of_failure
from plazo.store.services.webhooks.events import emit_message_sent, listening_organisations

__all__ = ["DeliveryReport", "deliver_due", "is_transient"]

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=10)


@dataclass
class DeliveryReport:
    """What one pass over the outbox did, by message id."""

    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    cancelled: list[int] = field(default_factory=list)  # owner alerts whose review was done


def is_transient(error: BaseException) -> bool:
    """Whether trying again later may succeed: 4xx replies and network trouble, not 5xx.

    A refused certificate or a server without the extension we need (AUTH, STARTTLS) is a
    configuration problem: retrying cannot fix it, so it fails at once and the owner hears of it.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(error, smtplib.SMTPException | ssl.SSLCertVerificationError):
        return False
    return isinstance(error, OSError)  # refused connections, resets, timeouts


def deliver_due(
    *, now: datetime, rng: random.Random, limit: int = 100, connection: Any = None
) -> DeliveryReport:
    """Send every due message this worker manages to claim (at most ``limit``)."""
    report = DeliveryReport()
    due = (
        Q(state__in=[MessageState.QUEUED, MessageState.RETRY])
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    ) | Q(state=MessageState.SENDING, next_attempt_at__lte=now)  # an expired lease
    candidates = list(
        Message.objects.filter(due)
        .order_by("queued_at", "pk")
        .values_list("pk", "state", "attempts")[:limit]
    )
    if not candidates:
        return report
    backend = connection or get_connection(fail_silently=False)
    try:
        backend.open()  # one SMTP session for the whole pass; a failure resurfaces per message
    except Exception:
        log.debug("could not open the mail connection up front", exc_info=True)
    listening = listening_organisations()
    try:
        for pk, seen_state, seen_attempts in candidates:
            if _claim(pk, seen_state, seen_attempts, now):  # else another worker won it
                _send_claimed(pk, backend, now, rng, report, listening)
    finally:
        _close(backend)
    return report


def _send_claimed(
    pk: int,
    backend: Any,
    now: datetime,
    rng: random.Random,
    report: DeliveryReport,
    listening: frozenset[int],
) -> None:
    """Send one claimed message; ``listening`` are the organisations with webhook endpoints."""
    message = Message.objects.defer("text", "html").get(pk=pk)  # the stored MIME is what goes
    if _review_is_over(message):
        Message.objects.filter(pk=pk, state=MessageState.SENDING).update(
            state=MessageState.CANCELLED,
            next_attempt_at=None,
            last_error="The delay case no longer awaits review; the alert is not needed.",
        )
        report.cancelled.append(pk)
        return
    if message.kind == MessageKind.OWNER_ALERT:  # the project may have changed since it opened
        try:
            refresh_owner_alert(message, now=now)
        except Exception:  # a rewrite that fails never holds the alert back: it goes as written
            log.exception("could not rewrite owner alert %s before sending it", pk)
        message = Message.objects.defer("text", "html").get(pk=pk)
    try:
        backend.send_messages([StoredEmail(bytes(message.mime), list(message.recipients))])
    except Exception as error:
        _record_failure(message, error, now, rng, report)
        _close(backend)  # the session may be broken; the next message opens a fresh one
        return
    with transaction.atomic():  # the webhook event and the case's end are recorded iff sent is
        Message.objects.filter(pk=pk).update(
            state=MessageState.SENT, sent_at=now, next_attempt_at=None, last_error=""
        )
        if message.kind == MessageKind.DELAY_NOTICE and message.delay_case_id is not None:
            close_case_told(message.delay_case_id)
        if message.organisation_id in listening:
            emit_message_sent(message, now=now)
    report.sent.append(pk)


def _review_is_over(message: Message) -> bool:
    """An owner alert asks for a review: once its case is approved, sent or cancelled, it would
    arrive after the decision it asks for, so it is not sent."""
    if message.kind != MessageKind.OWNER_ALERT or message.delay_case_id is None:
        return False
    return not DelayCase.objects.filter(
        pk=message.delay_case_id, state=DelayCaseState.DRAFT
    ).exists()


def _close(backend: Any) -> None:
    try:
        backend.close()
    except Exception:  # QUIT on a broken session can fail; the socket is gone either way
        log.debug("closing the mail connection failed", exc_info=True)


def _claim(pk: int, seen_state: str, seen_attempts: int, now: datetime) -> bool:
    """Compare-and-set: move the message to sending only if nobody changed it since we looked.

    Every claim counts an attempt, so the attempt count is the row's version: the state alone
    would let two workers that both saw the same expired lease (state still ``sending``) both
    take it over and send the message twice.
    """
    claimed = Message.objects.filter(pk=pk, state=seen_state, attempts=seen_attempts).update(
        state=MessageState.SENDING, attempts=F("attempts") + 1, next_attempt_at=now + LEASE
    )
    return claimed == 1


def _record_failure(
    message: Message, error: Exception, now: datetime, rng: random.Random, report: DeliveryReport
) -> None:
    # 1. Describe the error in one line for the outbox view.
    description = f"{type(error).__name__}: {error}"[:1000]
    # 2. Permanent errors and exhausted attempts stop; anything else waits and tries again.
    if is_transient(error) and message.attempts < MAX_ATTEMPTS:
        Message.objects.filter(pk=message.pk).update(
            state=MessageState.RETRY,
            last_error=description,
            next_attempt_at=now + retry_delay(message.attempts, rng),
        )
        report.retrying.append(message.pk)
    else:
        Message.objects.filter(pk=message.pk).update(
            state=MessageState.FAILED, last_error=description, next_attempt_at=None
        )
        report.failed.append(message.pk)
        log.warning("message %s failed for good: %s", message.pk, description)
        if message.kind != MessageKind.OWNER_ALERT and message.project_id is not None:
            try:
                alert_owner_of_failure(message, description, now=now)
            except Exception:  # the failure is recorded; a broken alert must not hide it
                log.exception("could not alert the owner of message %s", message.pk)
