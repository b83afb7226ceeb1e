"""The compensation policy as plain values: situations, rules, offers and decisions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

__all__ = [
    "NO_RULE",
    "Caps",
    "CatalogueItem",
    "Cause",
    "Conditions",
    "Decision",
    "Escalation",
    "OfferKind",
    "OfferProposal",
    "OfferTemplate",
    "Policy",
    "Rule",
    "Situation",
]

NO_RULE = "(none)"


class Cause(StrEnum):
    """Whose doing the slip was; the client's own delays are not compensated by default."""

    OURS = "ours"
    CLIENT = "client"
    THIRD_PARTY = "third_party"
    FORCE_MAJEURE = "force_majeure"
    SCOPE_CHANGE = "scope_change"  # the client asked for more or different work


class OfferKind(StrEnum):
    """The three kinds of compensation the business can offer."""

    DISCOUNT = "discount"
    CREDIT = "credit"
    EXTRA = "extra"


@dataclass(frozen=True)
class Situation:
    """What happened to one project, as the policy sees it."""

    slip_working_days: int
    planned_working_days: int | None
    value: Decimal
    currency: str
    tier: str = "standard"
    repeat: int = 0
    cause: Cause | str = Cause.OURS
    notice_lead_working_days: int | None = None

    def __post_init__(self) -> None:
        if self.slip_working_days < 0:
            raise ValueError(f"slip_working_days must be >= 0, got {self.slip_working_days}")
        if self.planned_working_days is not None and self.planned_working_days <= 0:
            raise ValueError(f"planned_working_days must be > 0, got {self.planned_working_days}")
        if not isinstance(self.value, Decimal) or self.value < 0:
            raise ValueError(f"value must be a non-negative Decimal, got {self.value!r}")
        if self.repeat < 0:
            raise ValueError(f"repeat must be >= 0, got {self.repeat}")
        if self.cause not in set(Cause):
            causes = ", ".join(str(cause) for cause in Cause)
            raise ValueError(f"cause must be one of {causes}, got {self.cause!r}")
        object.__setattr__(self, "cause", Cause(self.cause))
        object.__setattr__(self, "currency", self.currency.upper())

    @property
    def slip_share(self) -> Decimal | None:
        """The slip as a share of the planned duration (None when the plan is unknown)."""
        if self.planned_working_days is None:
            return None
        return Decimal(self.slip_working_days) / Decimal(self.planned_working_days)


@dataclass(frozen=True)
class Conditions:
    """When a rule applies: every condition that is set must hold (bounds are inclusive)."""

    causes: frozenset[Cause] | None = None
    tiers: frozenset[str] | None = None
    currencies: frozenset[str] | None = None
    min_slip_working_days: int | None = None
    max_slip_working_days: int | None = None
    min_slip_share: Decimal | None = None
    max_slip_share: Decimal | None = None
    min_repeat: int | None = None
    max_repeat: int | None = None
    min_notice_lead_working_days: int | None = None
    max_notice_lead_working_days: int | None = None
    # Money thresholds are per currency: a rule with min_value only for EUR never fires for JPY.
    min_value: Mapping[str, Decimal] | None = None
    max_value: Mapping[str, Decimal] | None = None


@dataclass(frozen=True)
class CatalogueItem:
    """Something the organisation can give away, with its value in each currency it sells in."""

    key: str
    names: Mapping[str, str]
    value_by_currency: Mapping[str, Decimal]

    def name(self, lang: str) -> str:
        """The item's name in ``lang``, or in any language it has."""
        return self.names.get(lang) or next(iter(self.names.values()))


@dataclass(frozen=True)
class OfferTemplate:
    """One offer a rule makes, before it is priced for a situation."""

    kind: OfferKind
    percent: Decimal | None = None
    amount_by_currency: Mapping[str, Decimal] | None = None
    item: str | None = None


@dataclass(frozen=True)
class Rule:
    """A named, ordered rule: the first one whose conditions hold decides."""

    name: str
    when: Conditions
    offers: tuple[OfferTemplate, ...]
    apologise: bool = True
    rationale: Mapping[str, str] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class Caps:
    """Upper bounds on the total of one decision (money offers and extras together)."""

    max_share_of_value: Decimal | None = None
    max_amount_by_currency: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Escalation:
    """How much a repeat slip multiplies money offers: 1 + per_repeat x repeat, at most max."""

    per_repeat: Decimal = Decimal(0)
    max_factor: Decimal = Decimal(1)

    def factor(self, repeat: int) -> Decimal:
        """The multiplier for a project that already slipped ``repeat`` times."""
        return min(Decimal(1) + self.per_repeat * repeat, max(self.max_factor, Decimal(1)))


@dataclass(frozen=True)
class Policy:
    """A whole validated policy document."""

    rules: tuple[Rule, ...]
    caps: Caps = Caps()
    escalation: Escalation = Escalation()
    catalogue: Mapping[str, CatalogueItem] = field(default_factory=dict)
    source: str = "<policy>"


@dataclass(frozen=True)
class OfferProposal:
    """One priced offer, ready to be stored as an Offer and named in a notice."""

    kind: OfferKind
    amount: Decimal
    currency: str
    description: str
    # For the notice's own sentence, which names the kind and amount itself: the percentage the
    # amount is of the project's value (None when it is not a whole or half one: "8.33 %" is
    # never shown), the extra's name, and whether ``description`` is the policy's own wording
    # (the notice then leaves it out rather than saying the same thing twice).
    percent: Decimal | None = None
    item: str = ""
    worded_by_policy: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``plazo policy explain``; money as a string, never a float."""
        return {
            "kind": str(self.kind),
            "amount": str(self.amount),
            "currency": self.currency,
            "description": self.description,
        }


@dataclass(frozen=True)
class Decision:
    """What to offer, which rule said so, and why, in the organisation's language."""

    offers: tuple[OfferProposal, ...]
    rule: str
    reason: str
    apologise: bool = True

    @property
    def total(self) -> Decimal:
        """The sum of every offer's amount (all share the situation's currency)."""
        return sum((offer.amount for offer in self.offers), Decimal(0))

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``plazo policy explain``."""
        return {
            "offers": [offer.to_dict() for offer in self.offers],
            "rule": self.rule,
            "reason": self.reason,
        }
