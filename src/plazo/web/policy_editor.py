"""The policy page's guided editor: a policy's common terms as form fields, written back into
its TOML document with everything else kept (comments, rules, conditions, other currencies).

The terms an owner usually changes are the caps, the repeat escalation, the percentages the
rules offer and what each free extra is worth, all in the organisation's currency. Anything
else (a new rule, a condition, another currency) is edited in the document itself, which the
same page keeps. :func:`apply_terms` edits the document with tomlkit, which keeps its layout;
the caller checks the result with the policy loader before storing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import tomlkit
from tomlkit.items import Table

from plazo.core.policy import Policy

__all__ = ["PercentOffer", "apply_terms", "percent_offers", "terms_initial"]

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PercentOffer:
    """An offer a rule makes as a percentage of the value: its field on the form."""

    rule: int  # the rule's position in the document
    offer: int  # the offer's position in the rule
    rule_name: str
    kind: str
    percent: Decimal

    @property
    def field(self) -> str:
        return f"offer_{self.rule}_{self.offer}"


def percent_offers(policy: Policy) -> list[PercentOffer]:
    """Every offer written as a percentage, in the document's order."""
    return [
        PercentOffer(r, o, rule.name, str(offer.kind), offer.percent)
        for r, rule in enumerate(policy.rules)
        for o, offer in enumerate(rule.offers)
        if offer.percent is not None
    ]


def terms_initial(policy: Policy, currency: str) -> dict[str, Any]:
    """The form's values for ``policy``: shares and steps as percentages, amounts in
    ``currency`` (None where the policy sets none)."""
    caps, escalation = policy.caps, policy.escalation
    values: dict[str, Any] = {
        "cap_share": None
        if caps.max_share_of_value is None
        else _plain(caps.max_share_of_value * _HUNDRED),
        "cap_amount": caps.max_amount_by_currency.get(currency),
        "per_repeat": _plain(escalation.per_repeat * _HUNDRED),
        "max_factor": _plain(escalation.max_factor),
    }
    for key, item in policy.catalogue.items():
        values[f"extra_{key}"] = item.value_by_currency.get(currency)
    for offer in percent_offers(policy):
        values[offer.field] = _plain(offer.percent)
    return values


def apply_terms(text: str, terms: Mapping[str, Any], currency: str) -> str:
    """``text`` with the terms in ``terms`` (the form's cleaned values) written into it.

    An empty share cap or amount cap removes it (for ``currency`` only: other currencies keep
    theirs); an empty extra's worth leaves it as it was.
    """
    document = tomlkit.parse(text)
    caps = _table(document, "caps")
    _set(caps, "max_share_of_value", _share(terms.get("cap_share")))
    amounts = caps.get("max_amount")
    if terms.get("cap_amount") is not None or amounts is not None:
        if amounts is None:
            amounts = caps["max_amount"] = tomlkit.inline_table()
        _set(amounts, currency, terms.get("cap_amount"))
        if not amounts:
            del caps["max_amount"]
    if not caps:
        del document["caps"]
    escalation = _table(document, "escalation")
    _set(escalation, "per_repeat", _share(terms.get("per_repeat")) or 0)
    _set(escalation, "max_factor", terms.get("max_factor") or 1)
    catalogue = document.get("catalogue", {})
    for key in catalogue:
        worth = terms.get(f"extra_{key}")
        if worth is not None:
            values = catalogue[key].setdefault("value", tomlkit.inline_table())
            values[currency] = _number(worth)
    rules = document.get("rules", [])
    for name, value in terms.items():
        if name.startswith("offer_") and value is not None:
            rule, offer = (int(part) for part in name.removeprefix("offer_").split("_"))
            rules[rule]["offers"][offer]["percent"] = _number(value)
    return tomlkit.dumps(document)


def _table(document: Any, key: str) -> Table:
    if key not in document:
        document[key] = tomlkit.table()
    table: Table = document[key]
    return table


def _set(table: Any, key: str, value: Decimal | int | None) -> None:
    if value is None:
        if key in table:
            del table[key]
    else:
        table[key] = _number(value)


def _share(percent: Decimal | None) -> Decimal | None:
    return None if percent is None else percent / _HUNDRED


def _number(value: Decimal | int) -> int | float:
    """A TOML number that reads back as exactly ``value`` (the loader reads floats as Decimals
    from their text, and a float's shortest text is the decimal's own)."""
    number = Decimal(value).normalize()
    return int(number) if number == number.to_integral_value() else float(number)


def _plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros or an exponent (15, not 15.00 nor 1.5E+1)."""
    number = value.normalize()
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number
