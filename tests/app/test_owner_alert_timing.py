"""The owner alert asks for a review: it goes out only while the case still awaits it."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pytest
from django.core.mail.backends.smtp import EmailBackend
from django.utils import timezone

from plazo.demo import load_demo
from plazo.mail.outbox import deliver_due
from plazo.store.models import DelayCase, Message
from plazo.store.services.delays.cases import approve_notice, open_case_if_at_risk
from plazo.store.services.delays.draft import draft_from_case
from plazo.store.services.forecasting.run import reforecast_active
from plazo.store.services.work.snapshots import load_project_snapshot
from tests.app.smtp_server import RecordingHandler, smtp_server

pytestmark = pytest.mark.django_db
AT_RISK = "Portal del inversor"


def _opened() -> tuple[DelayCase, Message]:
    """The demo's at-risk project with its case just opened and the owner alert queued."""
    org = load_demo(timezone.localdate()).organisation
    runs = reforecast_active(org, now=timezone.now())
    forecast = next(r.forecast for r in runs if r.forecast.project.name == AT_RISK)
    opened = open_case_if_at_risk(
        load_project_snapshot(forecast.project), forecast, now=timezone.now()
    )
    assert opened is not None
    return opened


def _approve(case: DelayCase) -> Message:
    draft = replace(
        draft_from_case(case),
        cause="el proveedor del registro cambió su interfaz a mitad del proyecto",
        identified="son los cambios en la nueva interfaz, y ya tenemos su entorno de pruebas",
        prevention="validaremos cada integración externa con un prototipo en la primera semana",
        recovery_steps=("dos personas en la integración", "migración de contenidos en paralelo"),
    )
    return approve_notice(case, draft, now=timezone.now()).notice


def _deliver() -> tuple[list[str], list[int]]:
    handler = RecordingHandler()
    with smtp_server(handler) as port:
        backend = EmailBackend(host="127.0.0.1", port=port, timeout=5, fail_silently=False)
        report = deliver_due(
            now=timezone.now() + timedelta(minutes=11), rng=random.Random(1), connection=backend
        )
    ids = [
        line.split(b":", 1)[1].strip().decode()
        for envelope in handler.received
        for line in envelope.content.splitlines()
        if line.lower().startswith(b"message-id:")
    ]
    return ids, report.cancelled


def test_an_alert_still_queued_when_the_notice_is_approved_is_never_sent() -> None:
    case, alert = _opened()
    notice = _approve(case)

    received, cancelled = _deliver()

    alert.refresh_from_db()
    assert alert.state == "cancelled"
    assert "approved" in alert.last_error
    assert received == [notice.message_id]
    assert cancelled == []  # withdrawn at the approval, before any worker saw it


def test_an_alert_a_worker_held_when_the_notice_was_approved_is_not_sent() -> None:
    case, alert = _opened()
    # A worker claimed it (and died): its lease runs out after the approval.
    Message.objects.filter(pk=alert.pk).update(state="sending", next_attempt_at=timezone.now())
    notice = _approve(case)

    received, cancelled = _deliver()

    alert.refresh_from_db()
    assert alert.state == "cancelled"
    assert cancelled == [alert.pk]
    assert received == [notice.message_id]


def test_an_alert_whose_case_awaits_review_is_sent() -> None:
    _, alert = _opened()
    received, _ = _deliver()
    alert.refresh_from_db()
    assert alert.state == "sent"
    assert received == [alert.message_id]
