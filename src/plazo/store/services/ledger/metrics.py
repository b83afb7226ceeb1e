"""The promise-ledger metrics of an organisation, computed by the core from the stored history."""

from __future__ import annotations

from datetime import date

from plazo.core.ledger import LedgerMetrics, compute_metrics
from plazo.store.models import Organisation
from plazo.store.services.ledger.records import offer_records, promise_records

__all__ = ["ledger_metrics"]


def ledger_metrics(
    organisation: Organisation,
    *,
    today: date,
    client: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> LedgerMetrics:
    """On-time rate, re-slips, notice lead time, silent misses and compensation, in two queries."""
    promises, _ = promise_records(organisation)
    offers = offer_records(organisation)
    return compute_metrics(promises, offers, since=since, until=until, client=client, today=today)
