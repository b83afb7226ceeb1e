"""Offers move from offered to applied in order, and export for accounting."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from plazo.store.models import Offer
from plazo.store.services.delays.offers import (
    OFFER_CSV_COLUMNS,
    OfferStateError,
    apply_offer,
    decide_offer,
    write_offers_csv,
)
from tests.app.factories import NOW, make_org, make_project

pytestmark = pytest.mark.django_db


def _offer(**fields: object) -> Offer:
    project = make_project(make_org(), name="Portal")
    values: dict[str, object] = {
        "kind": "discount",
        "amount": Decimal("1200.00"),
        "currency": "EUR",
        "description": "10 % de descuento",
        "offered_at": NOW,
    }
    values.update(fields)
    return Offer.objects.create(organisation_id=project.organisation_id, project=project, **values)


def test_an_accepted_offer_is_applied_with_the_amount_credited() -> None:
    offer = decide_offer(_offer(), accepted=True, at=NOW)
    applied = apply_offer(offer, at=NOW, amount=Decimal("1000.00"))
    assert applied.state == "applied"
    assert applied.applied_amount == Decimal("1000.00")


def test_an_offer_cannot_skip_the_clients_answer() -> None:
    with pytest.raises(OfferStateError, match="offered cannot become applied"):
        apply_offer(_offer(), at=NOW)


def test_a_declined_offer_stays_declined() -> None:
    offer = decide_offer(_offer(), accepted=False, at=NOW)
    with pytest.raises(OfferStateError):
        decide_offer(offer, accepted=True, at=NOW)


def test_more_than_was_offered_cannot_be_applied() -> None:
    offer = decide_offer(_offer(), accepted=True, at=NOW)
    with pytest.raises(OfferStateError, match="between 0"):
        apply_offer(offer, at=NOW, amount=Decimal("1200.01"))


def test_offers_export_as_csv() -> None:
    offer = _offer()
    out = io.StringIO()
    assert write_offers_csv(offer.project.client.organisation, out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == OFFER_CSV_COLUMNS
    assert rows[0]["amount"] == "1200.00"
    assert rows[0]["project"] == "Portal"
    assert rows[0]["state"] == "offered"
