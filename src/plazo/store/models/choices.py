"""Enumerations shared by the models (stored as short strings).

An enumeration the core also decides with (a register, an offer's kind and state, a promise's
outcome) is defined once, in the core; here it only gets the labels people read.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from django.db import models

from plazo.core.compose.inputs import Register
from plazo.core.ledger.records import OfferState
from plazo.core.ledger.records import Outcome as CommitmentOutcome
from plazo.core.policy.model import OfferKind

__all__ = [
    "CauseCategory",
    "CommitmentOutcome",
    "DelayCaseState",
    "DelayTrigger",
    "ForecastMode",
    "Language",
    "MessageKind",
    "MessageState",
    "OfferKind",
    "OfferState",
    "ProjectStatus",
    "Register",
    "Role",
    "WorkItemStatus",
    "labelled",
]


def labelled(enum: type[StrEnum], labels: Mapping[str, str]) -> list[tuple[str, str]]:
    """Django ``choices`` for a core enumeration: every member, each with its label."""
    missing = [m.value for m in enum if m.value not in labels]
    if missing:
        raise ValueError(f"{enum.__name__} members without a label: {missing}")
    return [(m.value, labels[m.value]) for m in enum]


class Language(models.TextChoices):
    SPANISH = "es", "Español"
    ENGLISH = "en", "English"


class Role(models.TextChoices):
    OWNER = "owner", "owner"
    MEMBER = "member", "member"


class ForecastMode(models.TextChoices):
    AUTO = "auto", "auto (estimates when most remaining items have them, else throughput)"
    ESTIMATES = "estimates", "estimates (Monte Carlo over estimate-versus-actual history)"
    THROUGHPUT = "throughput", "throughput (count items, from weekly completions)"


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", "active"
    PAUSED = "paused", "paused"
    DELIVERED = "delivered", "delivered"
    CANCELLED = "cancelled", "cancelled"


class WorkItemStatus(models.TextChoices):
    TODO = "todo", "to do"
    DOING = "doing", "in progress"
    DONE = "done", "done"


class DelayTrigger(models.TextChoices):
    FORECAST = "forecast", "the forecast"
    PERSON = "person", "a person"
    DEADLINE = "deadline", "the deadline passed"


class CauseCategory(models.TextChoices):
    OURS = "ours", "ours"
    CLIENT = "client", "the client"
    THIRD_PARTY = "third_party", "a third party"
    FORCE_MAJEURE = "force_majeure", "force majeure"
    SCOPE_CHANGE = "scope_change", "a change of scope the client asked for"


class DelayCaseState(models.TextChoices):
    DRAFT = "draft", "draft"
    APPROVED = "approved", "approved"
    SENT = "sent", "sent"
    CANCELLED = "cancelled", "cancelled"


class MessageKind(models.TextChoices):
    WEEKLY_UPDATE = "weekly_update", "weekly update"
    DELAY_NOTICE = "delay_notice", "delay notice"
    DELIVERED = "delivered", "delivered"
    OWNER_ALERT = "owner_alert", "owner alert"
    INVITATION = "invitation", "invitation"
    PASSWORD_RESET = "password_reset", "password reset"


class MessageState(models.TextChoices):
    DRAFT = "draft", "draft"
    QUEUED = "queued", "queued"
    SENDING = "sending", "sending"
    SENT = "sent", "sent"
    RETRY = "retry", "awaiting retry"
    FAILED = "failed", "failed"
    CANCELLED = "cancelled", "cancelled"

    @classmethod
    def retryable(cls) -> tuple[MessageState, ...]:
        """States a person may send again: failed for good, or waiting for the next attempt."""
        return (cls.FAILED, cls.RETRY)

    @classmethod
    def cancellable(cls) -> tuple[MessageState, ...]:
        """States that have not gone out and can still be stopped."""
        return (cls.QUEUED, cls.RETRY, cls.DRAFT)


REGISTER_CHOICES = labelled(
    Register,
    {
        "formal": "formal (usted / formal English)",
        "informal": "informal (tú / casual English)",
        "vos": "informal with vos (voseo / casual English)",
    },
)
OUTCOME_CHOICES = labelled(
    CommitmentOutcome,
    {"pending": "pending", "kept": "kept", "broken": "broken", "cancelled": "cancelled"},
)
OFFER_KIND_CHOICES = labelled(
    OfferKind,
    {
        "discount": "discount on this project",
        "credit": "credit on a future project",
        "extra": "free extra",
    },
)
OFFER_STATE_CHOICES = labelled(
    OfferState,
    {"offered": "offered", "accepted": "accepted", "declined": "declined", "applied": "applied"},
)
