"""A person's decision about one project's weekly update: send it now, hold it, or skip it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from plazo.store.models.project import Project
from plazo.store.models.scoping import TenantModel

__all__ = ["CheckinDecision", "CheckinDecisionKind"]


class CheckinDecisionKind(models.TextChoices):
    SEND = "send", "send now"
    HOLD = "hold", "hold"
    SKIP = "skip", "skip"


class CheckinDecision(TenantModel):
    """What the owner decided for the update of ``week`` (the worker honours hold and skip)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    week = models.CharField(max_length=10, help_text="ISO week, e.g. 2026-W49")
    decision = models.CharField(max_length=8, choices=CheckinDecisionKind.choices)
    reason = models.CharField(max_length=300, blank=True, help_text="Why it was skipped")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "week"], name="checkindecision_once_a_week"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.week}: {self.decision}"
