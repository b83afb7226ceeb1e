"""The promise-ledger metrics of an organisation, computed by the core from the stored history."""

from __future__ import annotations

from datetime import date

from plazo.core.ledger import (
    LedgerMetrics,
    OfferRecord,
    OfferState,
    Outcome,
    PromiseRecord,
    compute_metrics,
)
from plazo.store.models import Commitment, Offer, Organisation

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
    commitments = (
        Commitment.objects.for_organisation(organisation)
        .select_related("project__client", "notice")
        .order_by("project_id", "made_at", "pk")
    )
    promises = [
        PromiseRecord(
            project_id=c.project_id,
            client=c.project.client.name,
            promised_on=c.promised_on,
            made_on=c.made_at.date(),
            notice_sent_on=c.notice.sent_at.date() if c.notice and c.notice.sent_at else None,
            outcome=Outcome(c.outcome),
            delivered_on=c.project.delivered_on if c.is_current else None,
        )
        for c in commitments
    ]
    offers = [
        OfferRecord(
            project_id=o.project_id,
            client=o.project.client.name,
            kind=o.kind,
            amount=o.amount,
            currency=o.currency,
            state=OfferState(o.state),
            offered_on=o.offered_at.date(),
            applied_amount=o.applied_amount,
        )
        for o in Offer.objects.for_organisation(organisation).select_related("project__client")
    ]
    return compute_metrics(promises, offers, since=since, until=until, client=client, today=today)
