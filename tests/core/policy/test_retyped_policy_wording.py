"""M6: an owner who retypes the policy's wording to match a changed amount is not "own words"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plazo.core.policy import OfferKind, Situation, decide, load_policy
from plazo.core.policy.edits import OfferEdit, edited_offers

POLICY = load_policy("""\
[[rules]]
name = "any-slip"
when = { min_slip_working_days = 1 }
offers = [{ kind = "discount", percent = 2.5 }]
""")


@pytest.mark.parametrize(
    ("lang", "typed", "restated"),
    [
        ("es", "descuento del 5 % en este proyecto", "descuento del 5\xa0% en este proyecto"),
        ("es", "Descuento del 5% en este proyecto", "descuento del 5\xa0% en este proyecto"),
        ("en", "5 % discount on this project", "5% discount on this project"),
    ],
)
def test_the_policys_wording_retyped_for_a_new_amount_is_restated(
    lang: str, typed: str, restated: str
) -> None:
    situation = Situation(
        slip_working_days=3, planned_working_days=40, value=Decimal(3200), currency="EUR"
    )
    decision = decide(POLICY, situation, lang=lang)
    edit = OfferEdit(str(OfferKind.DISCOUNT), Decimal("160"), typed)
    [offer], problems = edited_offers(
        decision, (edit,), cap=Decimal(480), value=Decimal(3200), currency="EUR", lang=lang
    )
    assert problems == ()
    assert offer.worded_by_policy
    assert offer.percent == Decimal(5)
    assert offer.description == restated


def test_a_retyped_percentage_that_the_amount_does_not_make_is_not_kept() -> None:
    situation = Situation(
        slip_working_days=3, planned_working_days=40, value=Decimal(3200), currency="EUR"
    )
    decision = decide(POLICY, situation, lang="es")
    edit = OfferEdit(str(OfferKind.DISCOUNT), Decimal("100"), "descuento del 5 % en este proyecto")
    [offer], _ = edited_offers(
        decision, (edit,), cap=Decimal(480), value=Decimal(3200), currency="EUR", lang="es"
    )
    assert offer.percent is None  # 100 of 3,200 is 3.125 %: said by its amount
    assert offer.description == "descuento en este proyecto"


def test_real_own_words_stay_the_owners() -> None:
    situation = Situation(
        slip_working_days=3, planned_working_days=40, value=Decimal(3200), currency="EUR"
    )
    decision = decide(POLICY, situation, lang="es")
    edit = OfferEdit(str(OfferKind.DISCOUNT), Decimal("160"), "por las molestias de diciembre")
    [offer], _ = edited_offers(
        decision, (edit,), cap=Decimal(480), value=Decimal(3200), currency="EUR", lang="es"
    )
    assert not offer.worded_by_policy
    assert offer.description == "por las molestias de diciembre"
