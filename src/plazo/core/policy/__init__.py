"""The compensation policy: from a slip to a fitting, capped, explained offer."""

from __future__ import annotations

from plazo.core.policy.decide import decide, first_matching_rule, round_money
from plazo.core.policy.errors import PolicyError, PolicyIssue
from plazo.core.policy.load import default_policy, default_policy_text, load_policy
from plazo.core.policy.model import (
    NO_RULE,
    Caps,
    CatalogueItem,
    Cause,
    Conditions,
    Decision,
    Escalation,
    OfferKind,
    OfferProposal,
    OfferTemplate,
    Policy,
    Rule,
    Situation,
)
from plazo.core.policy.phrases import LANGUAGES

__all__ = [
    "LANGUAGES",
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
    "PolicyError",
    "PolicyIssue",
    "Rule",
    "Situation",
    "decide",
    "default_policy",
    "default_policy_text",
    "first_matching_rule",
    "load_policy",
    "round_money",
]
