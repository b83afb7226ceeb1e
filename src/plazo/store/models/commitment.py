"""The promise ledger: every date promised to a client, append-only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from plazo.store.models.choices import OUTCOME_CHOICES, CommitmentOutcome
from plazo.store.models.project import Project
from plazo.store.models.scoping import TenantModel

__all__ = ["Commitment", "PromiseEvent", "PromiseEventKind"]


class Commitment(TenantModel):
    """One promised date: when, to whom, why, what replaced it and whether it was kept."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="commitments")
    promised_on = models.DateField()
    made_at = models.DateTimeField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    made_to = models.CharField(max_length=300, blank=True, help_text="Who heard the promise")
    reason = models.TextField(blank=True)
    forecast = models.ForeignKey(
        "plazo.Forecast", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notice = models.ForeignKey(
        "plazo.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    superseded_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supersedes"
    )
    is_current = models.BooleanField(default=True)
    outcome = models.CharField(
        max_length=16, choices=OUTCOME_CHOICES, default=CommitmentOutcome.PENDING
    )
    resolved_on = models.DateField(null=True, blank=True)  # kept, broken or cancelled on

    class Meta:
        ordering = ["project", "made_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(is_current=True),
                name="commitment_one_current_per_project",
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(superseded_by__isnull=True),
                name="commitment_current_is_not_superseded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.promised_on}"


class PromiseEventKind(models.TextChoices):
    """What happened to a promise besides being made, replaced or settled on delivery.

    ``told``: the person who set this (later) date told the client of it outside plazo, on
    ``happened_on``; without it, or a delay notice sent, a later date was never announced.
    """

    CANCELLED = "cancelled", "the project was cancelled"
    REOPENED = "reopened", "the project was taken up again"
    TOLD = "told", "the client was told of it outside plazo"


class PromiseEvent(TenantModel):
    """The project of a promise was cancelled, or taken up again, on a day (the client's); or the
    client was told of the promise outside plazo on that day.

    Append-only, like the commitments: the promise's ``outcome`` says where it stands now, the
    events say how it got there, so a cancellation undone is still in the ledger.
    """

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=PromiseEventKind.choices)
    happened_on = models.DateField()  # the client's day
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["commitment", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.commitment}: {self.kind} on {self.happened_on}"
