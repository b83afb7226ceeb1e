"""The outbox sends through a real SMTP server, retries what may pass later, stops on a refusal."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage

import pytest
from django.core.mail.backends.smtp import EmailBackend

from plazo.mail.outbox import _claim, deliver_due
from plazo.store.models import Message
from tests.app.factories import NOW, make_message, make_org, make_project
from tests.app.smtp_server import RecordingHandler, smtp_server, unused_port

pytestmark = pytest.mark.django_db


def _queued(key: str = "weekly:1:2026-W49") -> Message:
    mail = EmailMessage()
    mail["From"] = "Estudio <hola@estudio.example>"
    mail["To"] = "lucia@cliente.example"
    mail["Subject"] = "Avance semanal"
    mail["Message-ID"] = "<weekly-1@estudio.example>"
    mail.set_content("Hola Lucía:\n\nEsta semana terminamos la portada.\n")
    return make_message(
        make_project(make_org()),
        idempotency_key=key,
        mime=mail.as_bytes(),
        recipients=["lucia@cliente.example"],
        state="queued",
        queued_at=NOW,
    )


@pytest.fixture
def handler() -> RecordingHandler:
    return RecordingHandler()


@pytest.fixture
def backend(handler: RecordingHandler) -> Iterator[EmailBackend]:
    with smtp_server(handler) as port:
        yield EmailBackend(host="127.0.0.1", port=port, timeout=5, fail_silently=False)


def test_a_queued_message_is_sent_once_as_stored(
    handler: RecordingHandler, backend: EmailBackend
) -> None:
    message = _queued()
    report = deliver_due(now=NOW, rng=random.Random(1), connection=backend)
    assert report.sent == [message.pk]
    message.refresh_from_db()
    assert (message.state, message.attempts, message.sent_at) == ("sent", 1, NOW)
    assert len(handler.received) == 1
    assert handler.received[0].rcpt_tos == ["lucia@cliente.example"]
    assert b"Message-ID: <weekly-1@estudio.example>" in handler.received[0].content
    assert (
        deliver_due(now=NOW + timedelta(days=1), rng=random.Random(1), connection=backend).sent
        == []
    )


def test_a_4xx_reply_is_retried_later_with_backoff(
    handler: RecordingHandler, backend: EmailBackend
) -> None:
    handler.replies.append("451 4.3.0 Try again later")
    message = _queued()
    assert deliver_due(now=NOW, rng=random.Random(1), connection=backend).retrying == [message.pk]
    message.refresh_from_db()
    assert message.state == "retry"
    assert "451" in message.last_error
    assert message.next_attempt_at is not None
    assert NOW + timedelta(seconds=30) <= message.next_attempt_at <= NOW + timedelta(minutes=1)

    assert deliver_due(now=NOW, rng=random.Random(1), connection=backend).sent == []
    later = message.next_attempt_at + timedelta(seconds=1)
    assert deliver_due(now=later, rng=random.Random(1), connection=backend).sent == [message.pk]
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 2)


def test_a_5xx_reply_fails_for_good(handler: RecordingHandler, backend: EmailBackend) -> None:
    handler.replies.append("550 5.1.1 No such user")
    message = _queued()
    assert deliver_due(now=NOW, rng=random.Random(1), connection=backend).failed == [message.pk]
    message.refresh_from_db()
    assert message.state == "failed"
    assert "550" in message.last_error
    assert handler.received == []


def test_a_refused_connection_is_retried() -> None:
    message = _queued()
    closed = EmailBackend(host="127.0.0.1", port=unused_port(), timeout=2, fail_silently=False)
    assert deliver_due(now=NOW, rng=random.Random(1), connection=closed).retrying == [message.pk]


def test_a_message_another_worker_claimed_is_left_alone(backend: EmailBackend) -> None:
    message = _queued()
    Message.objects.filter(pk=message.pk).update(
        state="sending", next_attempt_at=NOW + timedelta(minutes=10)
    )
    assert deliver_due(now=NOW, rng=random.Random(1), connection=backend).sent == []
    # The other worker died: after its lease, the message is sent by this one.
    late = NOW + timedelta(minutes=11)
    assert deliver_due(now=late, rng=random.Random(1), connection=backend).sent == [message.pk]


def test_an_expired_lease_is_taken_over_by_one_worker_only() -> None:
    message = _queued()
    Message.objects.filter(pk=message.pk).update(
        state="sending", attempts=1, next_attempt_at=NOW - timedelta(minutes=1)
    )
    # Two workers looked at the same moment and both saw the lease run out.
    assert _claim(message.pk, "sending", 1, NOW) is True
    assert _claim(message.pk, "sending", 1, NOW) is False
    assert Message.objects.get(pk=message.pk).attempts == 2


def test_drafts_wait_for_approval(backend: EmailBackend) -> None:
    message = _queued()
    Message.objects.filter(pk=message.pk).update(state="draft")
    assert deliver_due(now=NOW, rng=random.Random(1), connection=backend).sent == []


def test_a_permanent_failure_alerts_the_projects_owner(
    handler: RecordingHandler, backend: EmailBackend
) -> None:
    from datetime import date

    from tests.app.factories import make_user

    handler.replies.append("550 5.1.1 No such user")
    message = _queued()
    project = message.project
    assert project is not None
    project.owner = make_user(email="owner@estudio.example", first_name="Elena")
    project.promised_on = date(2026, 12, 15)
    project.save()
    deliver_due(now=NOW, rng=random.Random(1), connection=backend)
    alert = Message.objects.get(idempotency_key=f"delivery_failed:{message.pk}")
    assert (alert.kind, alert.state, alert.recipients) == (
        "owner_alert",
        "queued",
        ["owner@estudio.example"],
    )
    assert "550" in alert.text
    assert "Avance semanal" in alert.text


def test_the_server_down_for_a_while_then_everything_is_delivered() -> None:
    from aiosmtpd.controller import Controller

    messages = [_queued(key=f"weekly:1:2026-W{week}") for week in (47, 48, 49)]
    port = unused_port()
    backend = EmailBackend(host="127.0.0.1", port=port, timeout=2, fail_silently=False)
    down = deliver_due(now=NOW, rng=random.Random(1), connection=backend)
    assert sorted(down.retrying) == sorted(m.pk for m in messages)

    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        later = NOW + timedelta(minutes=5)
        up = deliver_due(now=later, rng=random.Random(1), connection=backend)
    finally:
        controller.stop()
    assert sorted(up.sent) == sorted(m.pk for m in messages)
    assert len(handler.received) == 3
    assert set(Message.objects.values_list("attempts", flat=True)) == {2}
