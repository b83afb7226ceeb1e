"""Enumerations shared by the models (stored as short strings)."""

from django.db import models

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
]


class Language(models.TextChoices):
    SPANISH = "es", "Español"
    ENGLISH = "en", "English"


class Register(models.TextChoices):
    FORMAL = "formal", "formal (usted / formal English)"
    INFORMAL = "informal", "informal (tú / casual English)"


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


class CommitmentOutcome(models.TextChoices):
    PENDING = "pending", "pending"
    KEPT = "kept", "kept"
    BROKEN = "broken", "broken"


class DelayTrigger(models.TextChoices):
    FORECAST = "forecast", "the forecast"
    PERSON = "person", "a person"
    DEADLINE = "deadline", "the deadline passed"


class CauseCategory(models.TextChoices):
    OURS = "ours", "ours"
    CLIENT = "client", "the client"
    THIRD_PARTY = "third_party", "a third party"
    FORCE_MAJEURE = "force_majeure", "force majeure"


class DelayCaseState(models.TextChoices):
    DRAFT = "draft", "draft"
    APPROVED = "approved", "approved"
    SENT = "sent", "sent"
    CANCELLED = "cancelled", "cancelled"


class OfferKind(models.TextChoices):
    DISCOUNT = "discount", "discount on this project"
    CREDIT = "credit", "credit on a future project"
    EXTRA = "extra", "free extra"


class OfferState(models.TextChoices):
    OFFERED = "offered", "offered"
    ACCEPTED = "accepted", "accepted"
    DECLINED = "declined", "declined"
    APPLIED = "applied", "applied"


class MessageKind(models.TextChoices):
    WEEKLY_UPDATE = "weekly_update", "weekly update"
    DELAY_NOTICE = "delay_notice", "delay notice"
    DELIVERED = "delivered", "delivered"
    OWNER_ALERT = "owner_alert", "owner alert"


class MessageState(models.TextChoices):
    DRAFT = "draft", "draft"
    QUEUED = "queued", "queued"
    SENDING = "sending", "sending"
    SENT = "sent", "sent"
    RETRY = "retry", "awaiting retry"
    FAILED = "failed", "failed"
    CANCELLED = "cancelled", "cancelled"
