"""Claims on weekly check-ins, so several workers share the week's updates without overlap."""

from __future__ import annotations

from django.db import models

from plazo.store.models.project import Project
from plazo.store.models.scoping import TenantModel

__all__ = ["CheckinClaim"]


class CheckinClaim(TenantModel):
    """A worker's lease on composing one project's update for one ISO week.

    The unique (project, week) pair decides which worker composes the update; a claim older than
    its lease whose update never reached the outbox (the worker died) can be taken over.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    week = models.CharField(max_length=10, help_text="ISO week, e.g. 2026-W49")
    claimed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "week"], name="checkinclaim_once_a_week"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.week}"
