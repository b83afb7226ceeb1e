"""An organisation's own settings and its compensation policy, as its owner changes them.

Each is one function and one transaction, behind the web's settings pages (and usable from any
other caller): the values are checked as the database and the rest of plazo need them, and a
refusal names the field (:class:`SettingsError`) or, for a policy, every problem by line
(:class:`~plazo.core.policy.PolicyError`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from plazo.core.policy import Policy, default_policy, load_policy
from plazo.store.models import Language, Organisation, limits
from plazo.store.services.work.records import InvalidField

__all__ = ["SETTINGS_FIELDS", "SettingsError", "save_policy", "update_settings"]

# What an owner sets on the settings page; the slug is the organisation's stable handle (the
# CLI's --org, the admin) and is not among them.
SETTINGS_FIELDS = (
    "name",
    "language",
    "currency",
    "country",
    "time_zone",
    "sender_email",
    "send_updates_automatically",
)


class SettingsError(InvalidField):
    """A setting that cannot be stored; ``field`` names it."""


@transaction.atomic
def update_settings(organisation: Organisation, values: dict[str, Any]) -> Organisation:
    """Store the settings in ``values`` (only :data:`SETTINGS_FIELDS`; others are refused)."""
    unknown = sorted(set(values) - set(SETTINGS_FIELDS))
    if unknown:
        raise SettingsError(unknown[0], "is not a setting of the organisation")
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    for name, value in values.items():
        problem = _problem(name, value)
        if problem is not None:
            raise SettingsError(name, problem)
        setattr(locked, name, value)
    if values:
        locked.save(update_fields=list(values))
    return locked


@transaction.atomic
def save_policy(organisation: Organisation, text: str) -> Policy:
    """Store the organisation's policy document; empty text means plazo's default policy.

    A document that does not load raises PolicyError with every problem and changes nothing.
    """
    policy = load_policy(text, source="policy") if text.strip() else default_policy()
    Organisation.objects.filter(pk=organisation.pk).update(policy_toml=text)
    organisation.policy_toml = text
    return policy


def _problem(name: str, value: Any) -> str | None:
    if name == "name":
        if not str(value).strip():
            return "must not be empty"
        return limits.text_problem(str(value))
    if name == "language":
        return None if value in Language.values else f"must be one of {', '.join(Language.values)}"
    if name == "currency":
        ok = isinstance(value, str) and len(value) == 3 and value.isascii() and value.isupper()
        return None if ok else "must be a three-letter ISO 4217 code such as EUR"
    if name == "country":
        found = limits.holiday_calendar_problem(str(value), "")
        return found[1] if found else None
    if name == "time_zone":
        return limits.time_zone_problem(str(value))
    if name == "sender_email":
        return _email_problem(str(value))
    if name == "send_updates_automatically":
        return None if isinstance(value, bool) else "must be true or false"
    return None


def _email_problem(value: str) -> str | None:
    if not value:
        return None  # the owner's own address is used
    try:
        validate_email(value)
    except ValidationError:
        return "must be an e-mail address such as hola@estudio.example"
    return None
