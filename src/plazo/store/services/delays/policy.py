"""An organisation's compensation policy: its own TOML document, or plazo's default."""

from __future__ import annotations

from plazo.core.policy import Policy, default_policy, load_policy
from plazo.store.models import Organisation

__all__ = ["organisation_policy"]


def organisation_policy(organisation: Organisation) -> Policy:
    """The policy the organisation stored (validated when saved), else the default policy."""
    if not organisation.policy_toml.strip():
        return default_policy()
    return load_policy(organisation.policy_toml, source=f"policy of {organisation.slug}")
