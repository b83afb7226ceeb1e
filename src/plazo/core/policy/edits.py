"""The owner's edits of the policy's offer: amounts and wording, kept within the policy's caps.

Edits are positional: edit *i* replaces the policy's offer *i* and must be of the same kind (the
policy decides *what* to offer; the owner may give less, more up to the cap, or say it better).
An amount of zero withdraws that offer. Stored on ``DelayCase.offer_edits`` as
``[{"kind": ..., "amount": "...", "description": ...}]``; empty means the policy's offer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

from plazo.core.errors import PlazoError
from plazo.core.policy import Decision, OfferKind, OfferProposal, Policy, round_money
from plazo.core.policy.decide import clean_percent, percent_description
from plazo.core.policy.phrases import phrases_for

__all__ = [
    "DESCRIPTION_MAX_CHARS",
    "OfferEdit",
    "OfferEditError",
    "OfferProblem",
    "editable_offers",
    "edited_offers",
    "offer_cap",
    "parse_offer_edits",
    "stored_offer_edits",
]

DESCRIPTION_MAX_CHARS = 300  # Offer.description's column
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class OfferEdit:
    """The owner's version of one of the policy's offers."""

    kind: str
    amount: Decimal
    description: str

    def to_json(self) -> dict[str, str]:
        """The stored form; money as a string, never a float."""
        return {"kind": self.kind, "amount": str(self.amount), "description": self.description}


@dataclass(frozen=True)
class OfferProblem:
    """Why an edit cannot stand: ``code`` names the rule, ``limit`` the bound it broke."""

    index: int | None  # the offer's position; None for the total or the whole set
    code: str  # negative | above_cap | total_above_cap | not_a_number | kinds_changed | too_long
    limit: Decimal | None = None


class OfferEditError(PlazoError):
    """Edits that break the caps or no longer match the policy's offers; nothing was changed."""

    def __init__(self, problems: Sequence[OfferProblem]) -> None:
        self.problems = tuple(problems)
        described = ", ".join(
            f"offer {p.index + 1 if p.index is not None else '(all)'}: {p.code}"
            + (f" (limit {p.limit})" if p.limit is not None else "")
            for p in self.problems
        )
        super().__init__(f"the offer edits cannot be used: {described}")


def offer_cap(policy: Policy, value: Decimal, currency: str) -> Decimal:
    """The most all offers together may be worth: the policy's caps, else the project's value."""
    limits = [value]
    if policy.caps.max_share_of_value is not None:
        limits = [value * policy.caps.max_share_of_value]
    if currency in policy.caps.max_amount_by_currency:
        limits.append(policy.caps.max_amount_by_currency[currency])
    return round_money(min(limits), currency, rounding=ROUND_DOWN)


def parse_offer_edits(
    rows: Iterable[tuple[str, str, str]],
) -> tuple[tuple[OfferEdit, ...], tuple[OfferProblem, ...]]:
    """Edits from form text ``(kind, amount, description)``; a bad amount is a problem, not 0."""
    edits: list[OfferEdit] = []
    problems: list[OfferProblem] = []
    for index, (kind, amount_text, description) in enumerate(rows):
        try:
            amount = Decimal(amount_text.strip().replace(",", "."))
        except InvalidOperation:
            problems.append(OfferProblem(index, "not_a_number"))
            amount = Decimal(0)
        if not amount.is_finite():
            problems.append(OfferProblem(index, "not_a_number"))
            amount = Decimal(0)
        edits.append(OfferEdit(kind, amount, " ".join(description.split())))
    return tuple(edits), tuple(problems)


def stored_offer_edits(stored: Any) -> tuple[OfferEdit, ...]:
    """The edits kept on a delay case (its JSON field)."""
    return tuple(
        OfferEdit(str(row["kind"]), Decimal(str(row["amount"])), str(row.get("description", "")))
        for row in stored or ()
    )


def editable_offers(decision: Decision, currency: str) -> tuple[OfferProposal, ...]:
    """The offers the owner may edit: the policy's, or a discount of nothing when it offers none.

    A notice must offer something, and some rules offer nothing (a first short slip told early):
    the owner can then still make an offer of their own, within the same caps.
    """
    return decision.offers or (OfferProposal(OfferKind.DISCOUNT, Decimal(0), currency, ""),)


def edited_offers(
    decision: Decision,
    edits: Sequence[OfferEdit],
    *,
    cap: Decimal,
    value: Decimal,
    currency: str,
    lang: str,
) -> tuple[tuple[OfferProposal, ...], tuple[OfferProblem, ...]]:
    """The offers the notice makes: the policy's, with ``edits`` applied when they are valid.

    1. No edits: the policy's offers as decided.
    2. Edits must match the editable offers one for one, kind for kind (a new date can change
       the rule that fires; the owner then sees the new offers and edits those).
    3. Each amount is between zero and the cap, the total at most the cap.
    4. An amount changed under an unchanged percent wording gets its percent restated.
    With any problem the policy's offers are returned, with the problems.
    """
    if not edits:
        return decision.offers, ()
    editable = editable_offers(decision, currency)
    if [edit.kind for edit in edits] != [str(offer.kind) for offer in editable]:
        return decision.offers, (OfferProblem(None, "kinds_changed"),)
    problems: list[OfferProblem] = []
    for index, edit in enumerate(edits):
        if edit.amount < 0:
            problems.append(OfferProblem(index, "negative"))
        elif edit.amount > cap:
            problems.append(OfferProblem(index, "above_cap", cap))
        if len(edit.description) > DESCRIPTION_MAX_CHARS:
            problems.append(OfferProblem(index, "too_long", Decimal(DESCRIPTION_MAX_CHARS)))
    total = sum((edit.amount for edit in edits), Decimal(0))
    if not problems and total > cap:
        problems.append(OfferProblem(None, "total_above_cap", cap))
    if problems:
        return decision.offers, tuple(problems)
    offers = tuple(
        _edited(offer, edit, value=value, lang=lang)
        for offer, edit in zip(editable, edits, strict=True)
        if edit.amount > 0
    )
    return offers, ()


def _squeezed(text: str) -> str:
    """Text compared without case or spaces ("5 %", "5\u00a0%" and "5%" alike)."""
    return "".join(text.split()).lower()


def _policy_wording(offer: OfferProposal, description: str, lang: str) -> bool:
    """True when ``description`` is the policy's own wording of this kind, for any percentage:
    the owner retyped it to match a changed amount ("descuento del 5 % en este proyecto")."""
    if offer.kind not in (OfferKind.DISCOUNT, OfferKind.CREDIT):
        return False
    say = phrases_for(lang)
    marker = "\x00"
    wordings = [percent_description(offer.kind, None, say)]
    if offer.kind is OfferKind.DISCOUNT:
        wordings.append(say("offer.discount", percent=marker))
    else:
        wordings.append(say("offer.credit_percent", percent=marker))
    typed = _squeezed(description)
    for wording in wordings:
        parts = [re.escape(_squeezed(part)) for part in wording.split(marker)]
        if re.fullmatch(r"\d+(?:[.,]\d+)?%".join(parts), typed):
            return True
    return False


def _edited(offer: OfferProposal, edit: OfferEdit, *, value: Decimal, lang: str) -> OfferProposal:
    amount = round_money(edit.amount, offer.currency)
    own_words = edit.description not in ("", offer.description) and not _policy_wording(
        offer, edit.description, lang
    )
    if own_words:
        return replace(
            offer, amount=amount, description=edit.description, percent=None, worded_by_policy=False
        )
    if amount == offer.amount and edit.description in ("", offer.description):
        return offer
    return _restated(offer, amount, value, lang)


def _restated(offer: OfferProposal, amount: Decimal, value: Decimal, lang: str) -> OfferProposal:
    """The policy's wording with the new amount's percent, or none when it is not a whole or half
    one (wordings without a percent, like an extra's, stay as they are)."""
    say = phrases_for(lang)
    is_percent_credit = offer.kind is OfferKind.CREDIT and offer.percent is not None
    if offer.kind is OfferKind.DISCOUNT or is_percent_credit:
        percent = clean_percent(amount, value, offer.currency)
        description = percent_description(offer.kind, percent, say)
        return replace(
            offer, amount=amount, description=description, percent=percent, worded_by_policy=True
        )
    return replace(offer, amount=amount)
