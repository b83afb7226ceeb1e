"""The compensation policy: from a slip to a fitting, capped, explained offer."""

from __future__ import annotations

from plazo.core.policy import model
from plazo.core.policy.decide import decide, first_matching_rule, round_money
from plazo.core.policy.errors import PolicyError, PolicyIssue
from plazo.core.policy.load import default_policy, default_policy_text, load_policy
from plazo.core.policy.model import *  # noqa: F403  (the model names its public values once)
from plazo.core.policy.phrases import LANGUAGES

__all__ = [
    "LANGUAGES",
    "PolicyError",
    "PolicyIssue",
    "decide",
    "default_policy",
    "default_policy_text",
    "first_matching_rule",
    "load_policy",
    "round_money",
]
__all__ += model.__all__
