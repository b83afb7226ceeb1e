"""The project's record of an offer uses the words the client read in the notice: "sin costo"
to a client in Mexico or Argentina, "sin coste" to one in Spain (the notice's regional rule)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from plazo.core.policy import OfferKind
from plazo.demo import load_demo
from plazo.store.models import Message, Offer
from plazo.store.services.delays.cases import approve_notice, open_case_if_at_risk
from plazo.store.services.delays.draft import NoticeDraft
from plazo.store.services.forecasting.run import reforecast_active
from plazo.store.services.work.snapshots import load_project_snapshot
from tests.app.factories import UTC

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
AT_RISK = "Portal del inversor"


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
    org = load_demo(TODAY).organisation
    runs = reforecast_active(org, now=NOW)
    forecast = next(r.forecast for r in runs if r.forecast.project.name == AT_RISK)
    client = forecast.project.client
    client.country = country
    client.save()
    opened = open_case_if_at_risk(load_project_snapshot(forecast.project), forecast, now=NOW)
    assert opened is not None
    case = opened[0]
    approve_notice(
        case,
        NoticeDraft(
            new_on=case.recommended_on,
            cause="el proveedor cambió su interfaz a mitad del proyecto",
            identified="son los cambios en la nueva interfaz",
            prevention="validaremos cada integración externa con un prototipo",
            recovery_steps=("dos personas en la integración",),
        ),
        now=NOW,
    )
    notice = Message.objects.get(delay_case=case, kind="delay_notice")
    extras = Offer.objects.filter(delay_case=case, kind=OfferKind.EXTRA.value)
    assert extras.exists()
    assert word in notice.text
    for extra in extras:
        assert extra.description.endswith(f", {word}")
        assert other not in extra.description
