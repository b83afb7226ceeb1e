"""The project's record of an offer uses the words the client read in the notice: "sin costo"
to a client in Mexico or Argentina, "sin coste" to one in Spain (the notice's regional rule)."""

from __future__ import annotations

import pytest

from plazo.core.policy import OfferKind
from plazo.store.models import Message, Offer
from tests.app.demo_case import approve_plain_notice, at_risk_forecast, open_at_risk_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("country", "word", "other"),
    [
        ("MX", "sin costo", "sin coste"),
        ("AR", "sin costo", "sin coste"),
        ("ES", "sin coste", "sin costo"),
    ],
)
def test_a_recorded_extra_says_no_cost_as_the_notice_did(
    country: str, word: str, other: str
) -> None:
    forecast = at_risk_forecast()
    client = forecast.project.client
    client.country = country
    client.save()
    case = open_at_risk_case(forecast)
    approve_plain_notice(case)
    notice = Message.objects.get(delay_case=case, kind="delay_notice")
    extras = Offer.objects.filter(delay_case=case, kind=OfferKind.EXTRA.value)
    assert extras.exists()
    assert word in notice.text
    for extra in extras:
        assert extra.description.endswith(f", {word}")
        assert other not in extra.description
