"""Deciding an offer: precedence, escalation, causes, caps and rounding per currency."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plazo.core.policy import (
    NO_RULE,
    Decision,
    OfferKind,
    Policy,
    Situation,
    decide,
    default_policy,
    load_policy,
    round_money,
)

CUSTOM = """\
[caps]
max_share_of_value = 0.10
max_amount = { EUR = 1000, JPY = 100000 }

[escalation]
per_repeat = 0.5
max_factor = 2

[catalogue.workshop]
name = { en = "a training workshop", es = "un taller de formación" }
value = { EUR = 300, JPY = 40000 }

[[rules]]
name = "gold-clients"
when = { tier = "gold", min_slip_working_days = 1 }
offers = [{ kind = "credit", amount = { EUR = 250, USD = 260 } }]

[[rules]]
name = "big-slip"
when = { min_slip_working_days = 10 }
offers = [{ kind = "extra", item = "workshop" }, { kind = "discount", percent = 9 }]

[[rules]]
name = "any-slip"
when = { min_slip_working_days = 1 }
offers = [{ kind = "discount", percent = 2.5 }]
"""


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy(CUSTOM)


def _situation(**changes: object) -> Situation:
    fields: dict[str, object] = {
        "slip_working_days": 5,
        "planned_working_days": 40,
        "value": Decimal("10000"),
        "currency": "EUR",
    }
    fields.update(changes)
    return Situation(**fields)  # type: ignore[arg-type]


def _amounts(decision: Decision) -> list[tuple[str, str]]:
    return [(str(offer.kind), str(offer.amount)) for offer in decision.offers]


def test_the_first_matching_rule_wins_even_when_a_later_one_also_matches(policy: Policy) -> None:
    decision = decide(policy, _situation(tier="gold", slip_working_days=15))
    assert decision.rule == "gold-clients"
    assert _amounts(decision) == [("credit", "250.00")]


def test_a_situation_no_rule_covers_gets_no_offer_but_an_apology(policy: Policy) -> None:
    decision = decide(policy, _situation(slip_working_days=0))
    assert decision.rule == NO_RULE
    assert decision.offers == ()
    assert decision.apologise
    assert "No rule applies" in decision.reason


def test_the_total_is_capped_by_the_share_of_value_filling_extras_first(policy: Policy) -> None:
    # 9 % of 5,000 = 450 plus a 300 workshop = 750 > the cap of 10 % = 500.
    decision = decide(policy, _situation(slip_working_days=12, value=Decimal("5000")))
    assert _amounts(decision) == [("extra", "300.00"), ("discount", "200.00")]
    assert decision.total == Decimal("500.00")
    assert "capped at €500.00 (10% of the project value)" in decision.reason
    assert decision.offers[1].description == "4% discount on this project"


def test_the_absolute_cap_applies_when_it_is_the_lower_one(policy: Policy) -> None:
    decision = decide(policy, _situation(slip_working_days=12, value=Decimal("100000")))
    assert decision.total == Decimal("1000.00")
    assert "the policy's maximum" in decision.reason


def test_an_extra_worth_more_than_the_cap_is_left_out_not_split(policy: Policy) -> None:
    decision = decide(policy, _situation(slip_working_days=12, value=Decimal("2000")))
    assert _amounts(decision) == [("discount", "180.00")]
    assert "“a training workshop, at no cost” is left out" in decision.reason


def test_a_repeat_slip_escalates_money_offers_up_to_the_maximum_factor(policy: Policy) -> None:
    totals = [
        decide(policy, _situation(value=Decimal("1000"), repeat=repeat)).total
        for repeat in range(4)
    ]
    assert totals == [Decimal("25.00"), Decimal("37.50"), Decimal("50.00"), Decimal("50.00")]


def test_a_fixed_credit_in_another_currency_is_left_out_and_said_so(policy: Policy) -> None:
    decision = decide(policy, _situation(tier="gold", currency="GBP"))
    assert decision.offers == ()
    assert "no amount in GBP" in decision.reason


@pytest.mark.parametrize(
    ("currency", "value", "expected"),
    [
        ("EUR", "333.33", "8.33"),  # 2.5 % = 8.33325 -> cents
        ("USD", "1234.5", "30.86"),  # 30.8625 -> half up
        ("JPY", "12345", "309"),  # 308.625 -> whole yen, no decimals
    ],
)
def test_amounts_are_rounded_to_the_currencys_minor_unit(
    policy: Policy, currency: str, value: str, expected: str
) -> None:
    decision = decide(policy, _situation(currency=currency, value=Decimal(value)))
    assert [str(offer.amount) for offer in decision.offers] == [expected]
    assert decision.offers[0].currency == currency


def test_round_money_uses_babels_precision() -> None:
    assert round_money(Decimal("1.005"), "EUR") == Decimal("1.01")
    assert round_money(Decimal("1.5"), "JPY") == Decimal("2")
    assert round_money(Decimal("1.0005"), "KWD") == Decimal("1.001")


def test_a_slip_the_client_caused_offers_nothing_but_still_apologises() -> None:
    decision = decide(default_policy(), _situation(cause="client", slip_working_days=30))
    assert decision.rule == "client-caused"
    assert decision.offers == ()
    assert decision.apologise
    assert "still apologises for the inconvenience" in decision.reason


def test_force_majeure_offers_nothing_and_third_parties_count_as_ours() -> None:
    policy = default_policy()
    assert decide(policy, _situation(cause="force_majeure")).offers == ()
    ours = decide(policy, _situation(cause="ours"))
    theirs = decide(policy, _situation(cause="third_party"))
    assert ours.offers == theirs.offers
    assert ours.rule == "medium-slip"


def test_a_short_first_slip_announced_early_needs_only_the_apology() -> None:
    policy = default_policy()
    early = decide(policy, _situation(slip_working_days=2, notice_lead_working_days=8))
    late = decide(policy, _situation(slip_working_days=2, notice_lead_working_days=1))
    unknown = decide(policy, _situation(slip_working_days=2))
    assert (early.rule, early.offers) == ("short-slip-early-notice", ())
    assert late.rule == unknown.rule == "short-slip"
    assert late.total == Decimal("300.00")


def test_the_default_policy_on_a_very_long_repeat_slip() -> None:
    decision = decide(default_policy(), _situation(slip_working_days=25, repeat=1))
    # 15 % + 7.5 % escalated money plus a 400 extra, capped at 15 % of 10,000.
    assert _amounts(decision) == [("discount", "1100.00"), ("extra", "400.00")]
    assert decision.total == Decimal("1500.00")


def test_the_explanation_is_in_english() -> None:
    decision = decide(default_policy(), _situation(slip_working_days=6), lang="en")
    assert decision.reason == (
        "Rule “medium-slip” applies: the cause is ours and a slip of 6 working days "
        "(between 5 and 9). Offer: 5% discount on this project (€500.00)."
    )
    assert decision.offers[0].description == "5% discount on this project"


def test_the_explanation_is_in_spanish() -> None:
    decision = decide(default_policy(), _situation(slip_working_days=6, repeat=2), lang="es")
    assert decision.reason == (
        "Se aplica la regla «retraso medio»: la causa es nuestra y un retraso de 6 días laborables "
        "(entre 5 y 9). Oferta: descuento del 10\xa0% en este proyecto (1.000,00\xa0€). "
        "Las ofertas en dinero se multiplican por 2 porque este proyecto ya se retrasó 2 veces."
    )


def test_catalogue_names_follow_the_language() -> None:
    decision = decide(default_policy(), _situation(slip_working_days=12), lang="es")
    extra = [offer for offer in decision.offers if offer.kind is OfferKind.EXTRA]
    assert extra[0].description == "un trabajo adicional a elegir, sin coste"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        decide(default_policy(), _situation(), lang="fr")


def test_the_decision_serialises_to_the_cli_json_shape() -> None:
    data = decide(default_policy(), _situation(slip_working_days=6)).to_dict()
    assert data == {
        "offers": [
            {
                "kind": "discount",
                "amount": "500.00",
                "currency": "EUR",
                "description": "5% discount on this project",
            }
        ],
        "rule": "medium-slip",
        "reason": data["reason"],
    }


def test_rules_can_match_on_slip_share_value_and_notice_lead() -> None:
    policy = load_policy(
        """\
[[rules]]
name = "big-share-big-project"
when = { min_slip_share = 0.25, min_value = { EUR = 50000 }, max_notice_lead_working_days = 0 }
offers = [{ kind = "discount", percent = 1 }]
"""
    )
    hit = _situation(slip_working_days=10, value=Decimal("60000"), notice_lead_working_days=-2)
    assert decide(policy, hit).rule == "big-share-big-project"
    assert "a slip of 25% of the planned duration (at least 25%)" in decide(policy, hit).reason
    for miss in (
        _situation(slip_working_days=10, value=Decimal("60000")),  # lead unknown
        _situation(slip_working_days=10, value=Decimal("60000"), planned_working_days=None),
        _situation(slip_working_days=10, value=Decimal("60000"), currency="USD"),
        _situation(slip_working_days=9, value=Decimal("60000"), notice_lead_working_days=0),
    ):
        assert decide(policy, miss).rule == NO_RULE


def test_a_situation_refuses_impossible_values() -> None:
    with pytest.raises(ValueError, match="slip_working_days"):
        _situation(slip_working_days=-1)
    with pytest.raises(ValueError, match="cause"):
        _situation(cause="weather")


@pytest.mark.parametrize(("lang", "words"), [("en", "of your choice"), ("es", "a elegir")])
def test_the_default_free_extra_fits_any_trade(lang: str, words: str) -> None:
    """A bathroom renovation's client was once offered "un mes de soporte prioritario": the
    default extra names no trade's product, only work of the client's choice (walk 6, S6)."""
    decision = decide(default_policy(), _situation(slip_working_days=12), lang=lang)
    extra = [offer for offer in decision.offers if offer.kind is OfferKind.EXTRA]
    assert words in extra[0].description
    assert "support" not in extra[0].description
    assert "soporte" not in extra[0].description
