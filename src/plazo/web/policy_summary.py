"""The compensation policy in a person's words: each rule's conditions and offers, the caps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from plazo.core.policy import (
    LANGUAGES,
    NO_RULE,
    Conditions,
    OfferKind,
    OfferTemplate,
    Policy,
    Situation,
)
from plazo.core.policy.phrases import phrases_for
from plazo.store.services.delays.offer_preview import OfferPreview
from plazo.web.templatetags.plazo_ledger import money

__all__ = [
    "OfferAnswer",
    "PolicySummary",
    "RuleRow",
    "code_words",
    "summarise_policy",
    "summarise_preview",
]


@dataclass(frozen=True)
class RuleRow:
    """One rule as the policy page lists it."""

    name: str  # as the document writes it
    title: str  # in the reader's words (plazo's default rules), else the name
    when: list[str]  # every condition that must hold; empty: always
    offers: list[str]  # empty: nothing is offered
    rationale: str


@dataclass(frozen=True)
class PolicySummary:
    rules: list[RuleRow]
    caps: list[str]  # empty: no cap in the organisation's currency
    escalation: str
    extras: list[str] = field(default_factory=list)  # each free extra and what it is worth
    other_caps: list[str] = field(default_factory=list)  # amount caps in other currencies


def summarise_policy(policy: Policy, *, currency: str, lang: str) -> PolicySummary:
    """The rules in order, the caps and the repeat escalation, amounts in ``currency``."""
    rules = [
        RuleRow(
            name=rule.name,
            title=code_words("rule", rule.name, lang),
            when=_conditions(rule.when, currency, lang),
            offers=[_offer(o, policy, currency, lang) for o in rule.offers],
            rationale=rule.rationale.get(lang) or next(iter(rule.rationale.values()), ""),
        )
        for rule in policy.rules
    ]
    caps = []
    if policy.caps.max_share_of_value is not None:
        caps.append(
            _("at most %(share)s of the project's value")
            % {"share": _percent(policy.caps.max_share_of_value)}
        )
    cap_amount = policy.caps.max_amount_by_currency.get(currency)
    if cap_amount is not None:
        caps.append(_("at most %(amount)s") % {"amount": money(cap_amount, currency)})
    escalation = policy.escalation
    if escalation.per_repeat > 0:
        text = _(
            "Each earlier slip of the project adds %(step)s to money offers, up to ×%(most)s."
        ) % {"step": _percent(escalation.per_repeat), "most": _number(escalation.max_factor)}
    else:
        text = _("A repeat slip offers the same as a first one.")
    extras = [
        _("%(name)s, worth %(amount)s")
        % {"name": item.name(lang), "amount": money(worth, currency)}
        if (worth := item.value_by_currency.get(currency)) is not None
        else _("%(name)s, with no worth in %(currency)s")
        % {"name": item.name(lang), "currency": currency}
        for item in policy.catalogue.values()
    ]
    other_caps = [
        money(amount, code)
        for code, amount in sorted(policy.caps.max_amount_by_currency.items())
        if code != currency
    ]
    return PolicySummary(rules, caps, text, extras, other_caps)


@dataclass(frozen=True)
class OfferAnswer:
    """What the policy would offer, as the policy page shows it."""

    facts: list[str]  # the slip as the policy saw it
    rule: str | None  # None: no rule applies
    offers: list[tuple[str, str]]  # (description, amount)
    total: str
    reason: str


def summarise_preview(preview: OfferPreview, *, lang: str | None = None) -> OfferAnswer:
    """The slip, the rule that fired, the offers with their amounts and the policy's reason."""
    decision, currency = preview.decision, preview.situation.currency
    lang = lang or (get_language() or "en")[:2]
    return OfferAnswer(
        facts=_facts(preview.situation, lang),
        rule=None if decision.rule == NO_RULE else code_words("rule", decision.rule, lang),
        offers=[(o.description, money(o.amount, o.currency)) for o in decision.offers],
        total=money(decision.total, currency),
        reason=decision.reason,
    )


def code_words(section: str, code: str, lang: str) -> str:
    """A code of plazo's default policy (a rule's name, a client tier) in the reader's words,
    from the core's phrases (the same words as the policy's explanations); others as written."""
    return phrases_for(lang if lang in LANGUAGES else "en").name(section, code)


def _facts(situation: Situation, lang: str) -> list[str]:
    slip, repeat = situation.slip_working_days, situation.repeat
    facts = [
        ngettext("a slip of %(count)s working day", "a slip of %(count)s working days", slip)
        % {"count": slip}
    ]
    if situation.planned_working_days is not None:
        planned = situation.planned_working_days
        facts.append(
            ngettext(
                "planned for %(count)s working day", "planned for %(count)s working days", planned
            )
            % {"count": planned}
        )
    if repeat == 0:
        facts.append(_("first slip"))
    else:
        facts.append(
            ngettext("%(count)s earlier slip", "%(count)s earlier slips", repeat)
            % {"count": repeat}
        )
    facts.append(_("value %(amount)s") % {"amount": money(situation.value, situation.currency)})
    facts.append(_("cause: %(causes)s") % {"causes": CAUSES[str(situation.cause)]})
    facts.append(_("client tier: %(tiers)s") % {"tiers": code_words("tier", situation.tier, lang)})
    lead = situation.notice_lead_working_days
    if lead is None:
        facts.append(_("notice: unknown"))
    else:
        facts.append(
            ngettext(
                "notice %(count)s working day ahead", "notice %(count)s working days ahead", lead
            )
            % {"count": lead}
        )
    return facts


def _conditions(when: Conditions, currency: str, lang: str) -> list[str]:
    parts = []
    if when.causes is not None:
        causes = ", ".join(str(CAUSES.get(c, c)) for c in sorted(when.causes))
        parts.append(_("cause: %(causes)s") % {"causes": causes})
    low, high = when.min_slip_working_days, when.max_slip_working_days
    if low is not None or high is not None:
        parts.append(
            ngettext(
                "slip of %(range)s working day",
                "slip of %(range)s working days",
                _plural_count(low, high),
            )
            % {"range": _range(low, high)}
        )
    low_s, high_s = when.min_slip_share, when.max_slip_share
    if low_s is not None or high_s is not None:
        parts.append(
            _("slip of %(range)s of the plan")
            % {"range": _range(*(None if v is None else _percent(v) for v in (low_s, high_s)))}
        )
    if when.min_repeat is not None or when.max_repeat is not None:
        parts.append(_earlier_slips(when.min_repeat or 0, when.max_repeat))
    low_n, high_n = when.min_notice_lead_working_days, when.max_notice_lead_working_days
    if low_n is not None or high_n is not None:
        parts.append(
            ngettext(
                "notice %(range)s working day ahead",
                "notice %(range)s working days ahead",
                _plural_count(low_n, high_n),
            )
            % {"range": _range(low_n, high_n)}
        )
    for bound, values in (
        (_("value at least"), when.min_value),
        (_("value at most"), when.max_value),
    ):
        amount = _in(values, currency)
        if amount is not None:
            parts.append(f"{bound} {money(amount, currency)}")
    if when.tiers is not None:
        tiers = ", ".join(code_words("tier", tier, lang) for tier in sorted(when.tiers))
        parts.append(_("client tier: %(tiers)s") % {"tiers": tiers})
    if when.currencies is not None:
        parts.append(_("currency: %(codes)s") % {"codes": ", ".join(sorted(when.currencies))})
    return parts


def _earlier_slips(low: int, high: int | None) -> str:
    """The repeat bounds in words: "first slip", never "up to 0 earlier slips"; 1 is singular."""
    if high is None:
        if low == 0:
            return _("any number of earlier slips")
        return ngettext(
            "at least %(count)s earlier slip", "at least %(count)s earlier slips", low
        ) % {"count": low}
    if high == 0:
        return _("first slip")
    if low == high:
        return ngettext(
            "exactly %(count)s earlier slip", "exactly %(count)s earlier slips", high
        ) % {"count": high}
    if low == 0:
        return ngettext("up to %(count)s earlier slip", "up to %(count)s earlier slips", high) % {
            "count": high
        }
    return _("%(low)s–%(high)s earlier slips") % {"low": low, "high": high}


def _offer(offer: OfferTemplate, policy: Policy, currency: str, lang: str) -> str:
    kind = str(KINDS.get(str(offer.kind), offer.kind))
    if offer.kind == OfferKind.EXTRA and offer.item:
        item = policy.catalogue.get(offer.item)
        return f"{kind}: {item.name(lang) if item else offer.item}"
    if offer.percent is not None:
        return _("%(kind)s of %(share)s of the value") % {
            "kind": kind,
            "share": _percent(offer.percent / 100),
        }
    amount = _in(offer.amount_by_currency, currency)
    return f"{kind}: {money(amount, currency)}" if amount is not None else kind


def _in(values: Mapping[str, Decimal] | None, currency: str) -> Decimal | None:
    return None if values is None else values.get(currency)


def _plural_count(low: int | None, high: int | None) -> int:
    """The number a range's noun agrees with: its upper bound ("up to 1 working day",
    "1–2 working days"); "1 or more" is plural."""
    if high is None:
        return 2
    return high


def _range(low: object, high: object) -> str:
    if low is not None and high is not None:
        return str(low) if low == high else f"{low}–{high}"
    if low is not None:
        return _("%(low)s or more") % {"low": low}
    return _("up to %(high)s") % {"high": high}


def _percent(share: Decimal) -> str:
    return f"{_number(share * 100)} %"


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


CAUSES: dict[str, Promise] = {
    "ours": gettext_lazy("ours"),
    "client": gettext_lazy("the client's"),
    "third_party": gettext_lazy("a third party's"),
    "force_majeure": gettext_lazy("force majeure"),
    "scope_change": gettext_lazy("a change of scope the client asked for"),
}
KINDS: dict[str, Promise] = {
    "discount": gettext_lazy("Discount on this project"),
    "credit": gettext_lazy("Credit on a future project"),
    "extra": gettext_lazy("Free extra"),
}
