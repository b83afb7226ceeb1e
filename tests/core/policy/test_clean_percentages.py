"""A client never reads "8.33 % discount": an uneven share is told by its amount alone."""

from __future__ import annotations

from decimal import Decimal

from plazo.core.policy import OfferKind, Situation, decide, load_policy
from plazo.core.policy.decide import clean_percent
from plazo.core.policy.edits import OfferEdit, edited_offers

POLICY = load_policy("""\
[caps]
max_share_of_value = 0.10

[catalogue.workshop]
name = { en = "a training workshop", es = "un taller de formación" }
value = { EUR = 300 }

[[rules]]
name = "big-slip"
when = { min_slip_working_days = 10 }
offers = [{ kind = "extra", item = "workshop" }, { kind = "discount", percent = 9 }]

[[rules]]
name = "any-slip"
when = { min_slip_working_days = 1 }
offers = [{ kind = "discount", percent = 2.5 }]
""")


def _situation(slip: int, value: str) -> Situation:
    return Situation(
        slip_working_days=slip, planned_working_days=40, value=Decimal(value), currency="EUR"
    )


def test_a_cap_leaving_an_uneven_share_states_the_amount_alone() -> None:
    # 9 % of 5,500 + the 300 workshop > the cap of 550: the discount keeps 250, 4.545… %.
    for lang, wording in (("en", "discount on this project"), ("es", "descuento en este proyecto")):
        decision = decide(POLICY, _situation(12, "5500"), lang=lang)
        discount = decision.offers[1]
        assert discount.amount == Decimal("250.00")
        assert discount.percent is None
        assert discount.description == wording
        assert "4.5" not in decision.reason
        assert "4,5" not in decision.reason


def test_a_whole_or_half_percentage_is_kept_with_its_offer() -> None:
    decision = decide(POLICY, _situation(3, "10000"), lang="es")
    [discount] = decision.offers
    assert discount.percent == Decimal("2.5")
    assert discount.description == "descuento del 2,5\xa0% en este proyecto"
    assert discount.worded_by_policy


def test_an_owners_uneven_amount_drops_the_percentage_too() -> None:
    decision = decide(POLICY, _situation(3, "24000"), lang="en")
    edit = OfferEdit(str(OfferKind.DISCOUNT), Decimal("1000"), decision.offers[0].description)
    [offer], problems = edited_offers(
        decision, (edit,), cap=Decimal(2400), value=Decimal(24000), currency="EUR", lang="en"
    )
    assert problems == ()
    assert offer.amount == Decimal("1000.00")
    assert offer.percent is None  # 4.1666… %
    assert offer.description == "discount on this project"


def test_clean_percent_accepts_only_whole_and_half_shares() -> None:
    assert clean_percent(Decimal("1920.00"), Decimal(24000), "EUR") == Decimal(8)
    assert clean_percent(Decimal("1800.00"), Decimal(24000), "EUR") == Decimal("7.5")
    assert clean_percent(Decimal("2000.00"), Decimal(24000), "EUR") is None
    assert clean_percent(Decimal("10"), Decimal(0), "EUR") is None
