"""Whether a rule's conditions hold for a situation, and how to say which ones did."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from plazo.core.policy.model import Conditions, Situation
from plazo.core.policy.phrases import Phrases

__all__ = ["describe_conditions", "matches"]

_Bound = int | Decimal | None


def _within(value: int | Decimal | None, low: _Bound, high: _Bound) -> bool:
    if low is None and high is None:
        return True
    # A bound on something unknown (no plan, no notice yet) cannot be said to hold.
    if value is None:
        return False
    return (low is None or value >= low) and (high is None or value <= high)


def _money_bound(situation: Situation, bound: Mapping[str, Decimal] | None) -> Decimal | None:
    return None if bound is None else bound.get(situation.currency)


def matches(when: Conditions, situation: Situation) -> bool:
    """True when every condition set in ``when`` holds for ``situation``."""
    if when.causes is not None and situation.cause not in when.causes:
        return False
    if when.tiers is not None and situation.tier not in when.tiers:
        return False
    if when.currencies is not None and situation.currency not in when.currencies:
        return False
    # A value threshold written only for other currencies means "not for this currency".
    for bound in (when.min_value, when.max_value):
        if bound is not None and situation.currency not in bound:
            return False
    return (
        _within(situation.slip_working_days, when.min_slip_working_days, when.max_slip_working_days)
        and _within(situation.slip_share, when.min_slip_share, when.max_slip_share)
        and _within(situation.repeat, when.min_repeat, when.max_repeat)
        and _within(
            situation.notice_lead_working_days,
            when.min_notice_lead_working_days,
            when.max_notice_lead_working_days,
        )
        and _within(
            situation.value,
            _money_bound(situation, when.min_value),
            _money_bound(situation, when.max_value),
        )
    )


def _range(say: Phrases, subject: str, low: str | None, high: str | None) -> str:
    if low is not None and low == high:  # the rule matched, so the subject says the one value
        return subject
    if low is not None and high is not None:
        return say("condition.between", subject=subject, low=low, high=high)
    if low is not None:
        return say("condition.at_least", subject=subject, low=low)
    return say("condition.at_most", subject=subject, high=high)


def describe_conditions(when: Conditions, situation: Situation, say: Phrases) -> list[str]:
    """One phrase per condition of ``when``, naming the situation's value and the rule's bound."""
    parts: list[str] = []
    if when.causes is not None:
        parts.append(say("condition.cause", value=say(f"cause.{situation.cause}")))
    if when.tiers is not None:
        parts.append(say("condition.tier", value=say.name("tier", situation.tier)))
    if when.currencies is not None:
        parts.append(say("condition.currency", value=situation.currency))

    def number(value: int | Decimal | None) -> str | None:
        return None if value is None else say.number(value)

    def share(value: int | Decimal | None) -> str | None:
        return None if value is None else say.percent(Decimal(value) * 100)

    def money(value: Decimal | None) -> str | None:
        return None if value is None else say.money(value, situation.currency)

    bounded: tuple[tuple[str, int | Decimal | None, Callable[[_Bound], str | None]], ...] = (
        ("slip_working_days", situation.slip_working_days, number),
        ("slip_share", situation.slip_share, share),
        ("repeat", situation.repeat, number),
        ("notice_lead_working_days", situation.notice_lead_working_days, number),
    )
    for name, value, show in bounded:
        low, high = getattr(when, f"min_{name}"), getattr(when, f"max_{name}")
        if low is None and high is None:
            continue
        if name == "repeat" and high == 0:  # the rule matched, so there was no earlier slip
            parts.append(say("condition.first_slip"))
            continue
        count = value if isinstance(value, int) else None  # working days and slips are counted
        subject = say(f"condition.{name}", value=show(value), count=count)
        parts.append(_range(say, subject, show(low), show(high)))
    if when.min_value is not None or when.max_value is not None:
        low_value = _money_bound(situation, when.min_value)
        high_value = _money_bound(situation, when.max_value)
        subject = say("condition.value", value=money(situation.value))
        parts.append(_range(say, subject, money(low_value), money(high_value)))
    return parts
