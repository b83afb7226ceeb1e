"""Several workers on one PostgreSQL: every message is sent, none twice."""

from __future__ import annotations

import random
import threading
from email.message import EmailMessage

import pytest
from django.core.mail.backends.smtp import EmailBackend
from django.db import close_old_connections, connection

from plazo.mail.outbox import deliver_due
from plazo.store.models import Message
from tests.app.factories import NOW, make_message, make_org, make_project
from tests.app.smtp_server import RecordingHandler, smtp_server

pytestmark = pytest.mark.django_db(transaction=True)


def _queue(count: int) -> list[int]:
    project = make_project(make_org())
    ids = []
    for n in range(count):
        mail = EmailMessage()
        mail["From"] = "hola@estudio.example"
        mail["To"] = "c@cliente.example"
        mail["Subject"] = f"Mensaje {n}"
        mail["Message-ID"] = f"<m{n}@estudio.example>"
        mail.set_content(f"cuerpo {n}")
        message = make_message(
            project,
            idempotency_key=f"k{n}",
            mime=mail.as_bytes(),
            recipients=["c@cliente.example"],
            state="queued",
            queued_at=NOW,
        )
        ids.append(message.pk)
    return ids


def test_two_workers_never_send_the_same_message() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent workers need PostgreSQL (CI runs this with DATABASE_URL set)")
    ids = _queue(60)
    handler = RecordingHandler()
    with smtp_server(handler) as port:

        def work(seed: int) -> None:
            try:
                backend = EmailBackend(host="127.0.0.1", port=port, timeout=5)
                while deliver_due(
                    now=NOW, rng=random.Random(seed), limit=7, connection=backend
                ).sent:
                    pass
            finally:
                close_old_connections()
                connection.close()

        workers = [threading.Thread(target=work, args=(seed,)) for seed in (1, 2, 3)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
    subjects = sorted(e.content.split(b"Subject: ")[1].split(b"\n")[0] for e in handler.received)
    assert len(subjects) == len(set(subjects)) == len(ids)
    assert set(Message.objects.values_list("state", flat=True)) == {"sent"}
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}
