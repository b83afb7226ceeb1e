"""Messages: everything plazo composes, stored before it is sent (the outbox)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from plazo.store.models.choices import Language, MessageKind, MessageState
from plazo.store.models.delay import DelayCase
from plazo.store.models.project import Project
from plazo.store.models.scoping import TenantModel

__all__ = ["Message"]


class Message(TenantModel):
    """One e-mail with an explicit delivery life-cycle and an idempotency key.

    The key is unique, so the same decision (e.g. project 7's weekly update for 2026-W48) can
    never produce two messages, however many workers race to create it.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    delay_case = models.ForeignKey(
        DelayCase, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages"
    )
    kind = models.CharField(max_length=16, choices=MessageKind.choices)
    language = models.CharField(max_length=8, choices=Language.choices)
    idempotency_key = models.CharField(max_length=200, unique=True)
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField(blank=True)
    mime = models.BinaryField(blank=True, help_text="The full RFC 5322 message as sent")
    recipients = models.JSONField(default=list)
    message_id = models.CharField(max_length=255, blank=True, help_text="Our Message-ID header")
    state = models.CharField(
        max_length=16, choices=MessageState.choices, default=MessageState.DRAFT
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    smtp_response = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    queued_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=MessageState.SENT) | Q(sent_at__isnull=False),
                name="message_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.subject
