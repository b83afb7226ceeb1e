"""An owner alert that waited in the outbox goes out with the project's numbers at sending time."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest

from plazo.mail.outbox import deliver_due
from plazo.store.models import Forecast, Message, MessageState, Project
from plazo.store.services.delays.alerts import compose_case_alert
from plazo.store.services.work.snapshots import load_project_snapshot
from tests.app.demo_case import NOW, open_at_risk_case

pytestmark = pytest.mark.django_db
LATER = NOW + timedelta(hours=2)


class RecordingBackend:
    """A mail connection that keeps what it is asked to send."""

    def __init__(self) -> None:
        self.sent: list[Any] = []

    def open(self) -> None: ...

    def close(self) -> None: ...

    def send_messages(self, messages: list[Any]) -> int:
        self.sent += messages
        return len(messages)


def _alert_of(case_id: int) -> Message:
    return Message.objects.get(idempotency_key=f"owner_alert:case:{case_id}")


def test_an_alert_sent_after_the_project_changed_tells_the_latest_forecast() -> None:
    case = open_at_risk_case()
    written = _alert_of(case.pk)
    project = Project.objects.get(pk=case.project_id)
    project.capacity_hours_per_week *= 2  # the owner adds hours before the worker runs
    project.save()

    backend = RecordingBackend()
    report = deliver_due(now=LATER, rng=random.Random(1), connection=backend)

    sent = _alert_of(case.pk)
    assert report.sent == [sent.pk]
    assert sent.state == MessageState.SENT
    latest = Forecast.objects.filter(project=project).latest_run()
    assert latest is not None
    assert latest != case.forecast
    expected = compose_case_alert(load_project_snapshot(project), case, latest, now=LATER)
    assert sent.text == expected.text != written.text
    assert sent.message_id == written.message_id  # the same mail, rewritten
    [mail] = backend.sent
    assert mail.message().as_bytes(linesep="\r\n") == bytes(sent.mime) != bytes(written.mime)


def test_an_alert_of_an_unchanged_project_goes_as_written() -> None:
    case = open_at_risk_case()
    written = _alert_of(case.pk)

    deliver_due(now=LATER, rng=random.Random(1), connection=RecordingBackend())

    sent = _alert_of(case.pk)
    assert sent.state == MessageState.SENT
    assert sent.text == written.text
    assert Forecast.objects.filter(project_id=case.project_id).count() == (
        Forecast.objects.filter(project_id=case.project_id, created_at__lte=NOW).count()
    )
