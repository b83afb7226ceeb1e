"""Outgoing webhooks: where an organisation wants events posted, and each delivery's life-cycle."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q

from plazo.store.models.scoping import TenantModel

__all__ = [
    "WebhookDelivery",
    "WebhookDeliveryState",
    "WebhookEndpoint",
    "WebhookEvent",
    "new_webhook_secret",
]


class WebhookEvent(models.TextChoices):
    CASE_OPENED = "delay_case.opened", "delay case opened"
    NOTICE_SENT = "notice.sent", "delay notice sent"
    UPDATE_SENT = "update.sent", "weekly update sent"
    PING = "ping", "ping (a test)"


class WebhookDeliveryState(models.TextChoices):
    QUEUED = "queued", "queued"
    SENDING = "sending", "sending"
    SENT = "sent", "sent"
    RETRY = "retry", "awaiting retry"
    FAILED = "failed", "failed"


def new_webhook_secret() -> str:
    """A fresh signing secret: 256 random bits, hex-encoded, with a recognisable prefix."""
    return "whsec_" + secrets.token_hex(32)


class WebhookEndpoint(TenantModel):
    """A URL that receives the organisation's events, signed with the endpoint's own secret.

    The secret is stored as is: signing needs it (unlike an API token, whose digest suffices).
    """

    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=100, default=new_webhook_secret)
    events = models.JSONField(default=list, help_text="Event types it receives")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.url

    def receives(self, event: str) -> bool:
        """Whether the endpoint is active and subscribed to ``event``."""
        return self.active and event in self.events


class WebhookDelivery(TenantModel):
    """One event posted to one endpoint, with an explicit life-cycle like the e-mail outbox.

    ``next_attempt_at`` is when a queued or retrying delivery is due; ``claimed_until`` is the
    lease of the worker sending it. (endpoint, event_id) is unique, so an event reaches an
    endpoint through one row only.
    """

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    event_id = models.UUIDField()
    payload = models.JSONField()
    state = models.CharField(
        max_length=16, choices=WebhookDeliveryState.choices, default=WebhookDeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="HTTP status of the last attempt"
    )
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "webhook deliveries"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="webhookdelivery_once_per_endpoint"
            ),
            models.CheckConstraint(
                condition=~Q(state=WebhookDeliveryState.SENT) | Q(sent_at__isnull=False),
                name="webhookdelivery_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} ({self.state})"
