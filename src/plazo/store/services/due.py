"""Everything that is due at a moment: one pass, safe to run from any number of workers at once."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from plazo.mail.outbox import DeliveryReport, deliver_due

__all__ = ["DueWork", "run_due_work"]


@dataclass(frozen=True)
class DueWork:
    """What one pass did."""

    delivery: DeliveryReport


def run_due_work(*, now: datetime, rng: random.Random) -> DueWork:
    """Do what is due at ``now``.

    Every step is idempotent and guarded by the database (unique keys, compare-and-set claims), so
    two workers running this at once cannot send or create anything twice.
    """
    delivery = DeliveryReport()
    while True:  # until a pass finds nothing it can claim
        batch = deliver_due(now=now, rng=rng)
        if not (batch.sent or batch.retrying or batch.failed):
            break
        delivery.sent += batch.sent
        delivery.retrying += batch.retrying
        delivery.failed += batch.failed
    return DueWork(delivery=delivery)
