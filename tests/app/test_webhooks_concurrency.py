"""Several workers on one PostgreSQL: every webhook delivery is posted, none twice."""

from __future__ import annotations

import random
import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection

from plazo.store.models import WebhookDelivery
from plazo.store.services.webhooks.endpoints import add_endpoint, queue_ping
from plazo.webhooks.delivery import deliver_due_webhooks, new_client
from tests.app.factories import NOW, make_org
from tests.app.webhook_receiver import WebhookReceiver, webhook_receiver

pytestmark = pytest.mark.django_db(transaction=True)


def _work(seed: int) -> None:
    try:
        with new_client() as http:
            while deliver_due_webhooks(now=NOW, rng=random.Random(seed), limit=7, client=http).sent:
                pass
    finally:
        close_old_connections()
        connection.close()


@pytest.mark.parametrize("waiting", ["queued", "expired lease"])
def test_three_workers_never_post_the_same_delivery_twice(waiting: str) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent workers need PostgreSQL (CI runs this with DATABASE_URL set)")
    receiver = WebhookReceiver()
    with webhook_receiver(receiver) as url:
        endpoint = add_endpoint(make_org(), url, now=NOW)
        receiver.secret = endpoint.secret
        ids = [queue_ping(endpoint.pk, now=NOW).pk for _ in range(60)]
        if waiting == "expired lease":  # every worker sees the same dead worker's leases
            WebhookDelivery.objects.update(state="sending", claimed_until=NOW - timedelta(1))
        workers = [threading.Thread(target=_work, args=(seed,)) for seed in (1, 2, 3)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
    posted = Counter(int(r.headers["x-plazo-delivery"]) for r in receiver.received)
    assert sorted(posted) == sorted(ids)
    assert set(posted.values()) == {1}
    assert all(r.signature_valid for r in receiver.received)
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {"sent"}
