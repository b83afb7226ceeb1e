"""The periodic tick runs the due work and keeps exactly one successor waiting."""

from __future__ import annotations

import random

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from plazo.worker.due import run_due_work
from plazo.worker.tasks import ensure_tick_scheduled
from tests.app.factories import NOW
from tests.app.test_outbox_delivery import _queued

pytestmark = pytest.mark.django_db


def test_the_due_work_delivers_the_outbox() -> None:
    message = _queued()
    done = run_due_work(now=NOW, rng=random.Random(1))
    assert done.delivery.sent == [message.pk]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lucia@cliente.example"]


def test_only_one_tick_waits_at_a_time() -> None:
    assert ensure_tick_scheduled() is True
    assert ensure_tick_scheduled() is False
    assert DBTaskResult.objects.filter(status="READY").count() == 1
