"""Turn a situation into a priced, capped, explained offer under a policy."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from babel.numbers import get_currency_precision

from plazo.core.policy.match import describe_conditions, matches
from plazo.core.policy.model import (
    NO_RULE,
    Decision,
    OfferKind,
    OfferProposal,
    OfferTemplate,
    Policy,
    Rule,
    Situation,
)
from plazo.core.policy.phrases import Phrases, phrases_for

__all__ = [
    "clean_percent",
    "decide",
    "first_matching_rule",
    "percent_description",
    "round_money",
]

_HUNDRED = Decimal(100)


def round_money(amount: Decimal, currency: str, *, rounding: str = ROUND_HALF_UP) -> Decimal:
    """``amount`` to the currency's minor unit (cents for EUR, whole yen for JPY)."""
    exponent = Decimal(1).scaleb(-get_currency_precision(currency))
    return amount.quantize(exponent, rounding=rounding)


def first_matching_rule(policy: Policy, situation: Situation) -> Rule | None:
    """The first rule, in document order, whose conditions hold (rule precedence)."""
    return next((rule for rule in policy.rules if matches(rule.when, situation)), None)


@dataclass(frozen=True)
class _Priced:
    template: OfferTemplate
    amount: Decimal
    description: str
    percent: Decimal | None = None
    item: str = ""

    def trimmed(self, amount: Decimal, situation: Situation, say: Phrases) -> _Priced:
        """This offer cut down to ``amount``, its percentage (if any) restated to match.

        A cut that leaves no whole or half percentage ("8.33 %") is described by its amount alone.
        """
        if amount == self.amount or self.template.percent is None:
            return _Priced(self.template, amount, self.description, self.percent, self.item)
        percent = clean_percent(amount, situation.value, situation.currency)
        description = percent_description(self.template.kind, percent, say)
        return _Priced(self.template, amount, description, percent)


def clean_percent(amount: Decimal, value: Decimal, currency: str) -> Decimal | None:
    """The whole or half percentage of ``value`` that ``amount`` is, or None ("8.33 %")."""
    if value <= 0:
        return None
    halves = (amount * 2 * _HUNDRED / value).to_integral_value()
    percent = halves / 2
    if percent <= 0 or round_money(value * percent / _HUNDRED, currency) != amount:
        return None
    return percent


def percent_description(kind: OfferKind, percent: Decimal | None, say: Phrases) -> str:
    """The policy's wording of a discount or credit: with its percentage, or without one."""
    if kind is OfferKind.DISCOUNT:
        if percent is None:
            return say("offer.discount_amount")
        return say("offer.discount", percent=say.percent(percent))
    if percent is None:
        return say("offer.credit_amount")
    return say("offer.credit_percent", percent=say.percent(percent))


def decide(policy: Policy, situation: Situation, *, lang: str = "en") -> Decision:
    """Decide what to offer for ``situation`` and explain it in ``lang``.

    1. The first matching rule decides (document order is precedence).
    2. Money offers (discount, credit) are scaled by the repeat escalation; extras are not.
    3. Every amount is rounded to the currency's minor unit.
    4. Caps bound the total: extras are placed first (an item cannot be given in part), then money
       offers fill what is left, in the rule's order.
    """
    say = phrases_for(lang)
    rule = first_matching_rule(policy, situation)
    if rule is None:
        reason = [say("reason.no_rule"), say("reason.no_offer"), say("reason.apologise_anyway")]
        return Decision(offers=(), rule=NO_RULE, reason=" ".join(reason), apologise=True)

    conditions = describe_conditions(rule.when, situation, say)
    if conditions:
        rule_name = say.name("rule", rule.name)
        sentences = [say("reason.fired", rule=rule_name, conditions=say.join(conditions))]
    else:
        sentences = [say("reason.fired_always", rule=say.name("rule", rule.name))]
    rationale = rule.rationale.get(lang) or rule.rationale.get("*")
    if rationale:
        sentences.append(rationale)

    factor = policy.escalation.factor(situation.repeat)
    priced: list[_Priced] = []
    for template in rule.offers:
        offer = _price(policy, template, situation, factor, say)
        if isinstance(offer, str):
            sentences.append(offer)
        elif offer.amount > 0:
            priced.append(offer)
    kept, cap_notes = _apply_caps(policy, situation, priced, say)

    offers = tuple(
        OfferProposal(
            kind=item.template.kind,
            amount=item.amount,
            currency=situation.currency,
            description=item.description,
            percent=item.percent,
            item=item.item,
            worded_by_policy=True,
        )
        for item in kept
    )
    if offers:
        listed = [
            say("offer.listed", description=o.description, amount=say.money(o.amount, o.currency))
            for o in offers
        ]
        sentences.append(say("reason.offers", offers=say.join(listed)))
        if factor > 1 and any(o.kind is not OfferKind.EXTRA for o in offers):
            sentences.append(
                say(
                    "reason.escalated",
                    factor=say.number(factor),
                    times=_times(situation.repeat, say),
                )
            )
    else:
        sentences.append(say("reason.no_offer"))
    sentences.extend(cap_notes)
    if rule.apologise and not offers:
        sentences.append(say("reason.apologise_anyway"))
    return Decision(
        offers=offers, rule=rule.name, reason=" ".join(sentences), apologise=rule.apologise
    )


def _times(count: int, say: Phrases) -> str:
    return say("reason.times", count=count)


def _price(
    policy: Policy, template: OfferTemplate, situation: Situation, factor: Decimal, say: Phrases
) -> _Priced | str:
    """The offer priced for the situation, or the sentence saying why it cannot be."""
    currency = situation.currency
    if template.kind is OfferKind.EXTRA:
        assert template.item is not None  # guaranteed by the loader
        item = policy.catalogue[template.item]
        name = item.name(say.lang)
        value = item.value_by_currency.get(currency)
        if value is None:
            return say("reason.unpriced", item=name, currency=currency)
        amount = round_money(value, currency)
        return _Priced(
            template, amount, say("offer.extra", name=name, no_cost=say("no_cost")), item=name
        )
    if template.percent is not None:
        amount = round_money(situation.value * template.percent / _HUNDRED * factor, currency)
        percent = clean_percent(amount, situation.value, currency)
        description = percent_description(template.kind, percent, say)
        return _Priced(template, amount, description, percent)
    assert template.amount_by_currency is not None  # guaranteed by the loader
    fixed = template.amount_by_currency.get(currency)
    if fixed is None:
        return say("reason.unpriced", item=say("offer.credit_amount"), currency=currency)
    return _Priced(template, round_money(fixed * factor, currency), say("offer.credit_amount"))


def _apply_caps(
    policy: Policy, situation: Situation, priced: list[_Priced], say: Phrases
) -> tuple[list[_Priced], list[str]]:
    """The offers that fit under the caps (some trimmed), and sentences saying what was cut."""
    currency = situation.currency
    limits: list[tuple[Decimal, str]] = []
    if policy.caps.max_share_of_value is not None:
        share = policy.caps.max_share_of_value
        cap = round_money(situation.value * share, currency, rounding=ROUND_DOWN)
        limits.append((cap, say("reason.cap_share", percent=say.percent(share * _HUNDRED))))
    if currency in policy.caps.max_amount_by_currency:
        cap = round_money(
            policy.caps.max_amount_by_currency[currency], currency, rounding=ROUND_DOWN
        )
        limits.append((cap, say("reason.cap_amount")))
    total = sum((item.amount for item in priced), Decimal(0))
    if not limits or total <= min(limit for limit, _ in limits):
        return priced, []
    cap, limit_name = min(limits, key=lambda pair: pair[0])

    notes: list[str] = []
    remaining = cap
    fitted: dict[int, Decimal] = {}
    extras = [i for i, item in enumerate(priced) if item.template.kind is OfferKind.EXTRA]
    money = [i for i, item in enumerate(priced) if item.template.kind is not OfferKind.EXTRA]
    for index in extras:
        if priced[index].amount <= remaining:
            fitted[index] = priced[index].amount
            remaining -= priced[index].amount
        else:
            notes.append(say("reason.over_cap", item=priced[index].description))
    for index in money:
        fitted[index] = min(priced[index].amount, remaining)
        remaining -= fitted[index]
    kept = [
        item.trimmed(fitted[i], situation, say)
        for i, item in enumerate(priced)
        if fitted.get(i, Decimal(0)) > 0
    ]
    notes.insert(0, say("reason.capped", cap=say.money(cap, currency), limit=limit_name))
    return kept, notes
