"""Everything that is due at a moment: one pass, safe to run from any number of workers at once."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

from plazo.mail.outbox import DeliveryReport, deliver_due
from plazo.store.models import Message
from plazo.store.services.checkins.weekly import run_weekly_checkins
from plazo.store.services.delays.watch import escalate_silent_deadlines
from plazo.webhooks.delivery import WebhookReport, drain_due_webhooks

__all__ = ["DueWork", "deliver_outbox", "run_due_work"]


@dataclass(frozen=True)
class DueWork:
    """What one pass did."""

    delivery: DeliveryReport
    updates: tuple[Message, ...] = ()
    escalations: tuple[Message, ...] = ()
    webhooks: WebhookReport = field(default_factory=WebhookReport)


def run_due_work(*, now: datetime, rng: random.Random, checkins: bool = True) -> DueWork:
    """Do what is due at ``now``: check-ins, escalations, delivery of the outbox, then webhooks.

    Every step is idempotent and guarded by the database (unique keys, compare-and-set claims), so
    two workers running this at once cannot send or create anything twice. ``checkins=False``
    leaves the weekly check-ins to the caller (the worker's tick hands them out in batches).
    """
    updates = tuple(run_weekly_checkins(now=now)) if checkins else ()
    escalations = tuple(escalate_silent_deadlines(now=now))
    delivery = deliver_outbox(now=now, rng=rng)
    webhooks = drain_due_webhooks(now=now, rng=rng)  # after the outbox: its sent events too
    return DueWork(delivery=delivery, updates=updates, escalations=escalations, webhooks=webhooks)


def deliver_outbox(*, now: datetime, rng: random.Random) -> DeliveryReport:
    """Deliver every message due at ``now``, batch after batch, until none can be claimed."""
    delivery = DeliveryReport()
    while True:
        batch = deliver_due(now=now, rng=rng)
        if not (batch.sent or batch.retrying or batch.failed):
            return delivery
        delivery.sent += batch.sent
        delivery.retrying += batch.retrying
        delivery.failed += batch.failed
