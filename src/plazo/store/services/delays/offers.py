"""The offer life-cycle: offered → accepted / declined → applied, and the CSV for accounting."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import TextIO

from django.db import transaction

from plazo.core.errors import PlazoError
from plazo.store.models import Offer, OfferState, Organisation

__all__ = [
    "OFFER_CSV_COLUMNS",
    "OfferStateError",
    "apply_offer",
    "decide_offer",
    "write_offers_csv",
]

OFFER_CSV_COLUMNS = (
    "offer_id", "client", "project", "kind", "description", "amount", "currency", "state",
    "offered_at", "decided_at", "applied_at", "applied_amount", "rule",
)  # fmt: skip

# Which states each state may move to; anything else is a mistake the caller must hear about.
_NEXT = {
    OfferState.OFFERED: {OfferState.ACCEPTED, OfferState.DECLINED},
    OfferState.ACCEPTED: {OfferState.APPLIED, OfferState.DECLINED},
    OfferState.DECLINED: set(),
    OfferState.APPLIED: set(),
}


class OfferStateError(PlazoError):
    """An offer was asked to move to a state it cannot reach from where it is."""


def _locked(offer: Offer, to: OfferState) -> Offer:
    current = Offer.objects.select_for_update().get(pk=offer.pk)
    if to not in _NEXT[OfferState(current.state)]:
        raise OfferStateError(f"an offer that is {current.state} cannot become {to.value}")
    return current


@transaction.atomic
def decide_offer(offer: Offer, *, accepted: bool, at: datetime) -> Offer:
    """Record the client's answer to an offer."""
    current = _locked(offer, OfferState.ACCEPTED if accepted else OfferState.DECLINED)
    current.state = OfferState.ACCEPTED if accepted else OfferState.DECLINED
    current.decided_at = at
    current.save(update_fields=["state", "decided_at"])
    return current


@transaction.atomic
def apply_offer(offer: Offer, *, at: datetime, amount: Decimal | None = None) -> Offer:
    """Mark an accepted offer applied, with the amount credited on the invoice."""
    current = _locked(offer, OfferState.APPLIED)
    applied = current.amount if amount is None else amount
    if applied < 0 or applied > current.amount:
        raise OfferStateError(
            f"the applied amount {applied} must be between 0 and the offered {current.amount}"
        )
    current.state = OfferState.APPLIED
    current.applied_at = at
    current.applied_amount = applied
    current.save(update_fields=["state", "applied_at", "applied_amount"])
    return current


def write_offers_csv(organisation: Organisation, out: TextIO) -> int:
    """Write every offer of ``organisation`` as CSV (one row each); returns the row count."""
    offers: Iterable[Offer] = (
        Offer.objects.for_organisation(organisation)
        .select_related("project__client")
        .order_by("offered_at", "pk")
    )
    writer = csv.writer(out)
    writer.writerow(OFFER_CSV_COLUMNS)
    rows = 0
    for offer in offers:
        writer.writerow(
            [
                offer.pk,
                offer.project.client.name,
                offer.project.name,
                offer.kind,
                offer.description,
                f"{offer.amount:.2f}",
                offer.currency,
                offer.state,
                _iso(offer.offered_at),
                _iso(offer.decided_at),
                _iso(offer.applied_at),
                "" if offer.applied_amount is None else f"{offer.applied_amount:.2f}",
                offer.rule,
            ]
        )
        rows += 1
    return rows


def _iso(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat(timespec="seconds")
