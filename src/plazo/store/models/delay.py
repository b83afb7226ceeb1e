"""Delay cases and the compensation offered for them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from plazo.store.models.choices import (
    OFFER_KIND_CHOICES,
    OFFER_STATE_CHOICES,
    CauseCategory,
    DelayCaseState,
    DelayTrigger,
    OfferState,
)
from plazo.store.models.project import Project
from plazo.store.models.scoping import TenantModel

__all__ = ["OPEN_CASE_STATES", "DelayCase", "Offer"]

OPEN_CASE_STATES = (DelayCaseState.DRAFT, DelayCaseState.APPROVED)


class DelayCase(TenantModel):
    """A promised date in danger: what happened, the plan, and the new date."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="delay_cases")
    trigger = models.CharField(max_length=16, choices=DelayTrigger.choices)
    state = models.CharField(
        max_length=16, choices=DelayCaseState.choices, default=DelayCaseState.DRAFT
    )
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.TextField(
        blank=True,
        help_text="Why a draft case was discarded, in the words of the person who did it",
    )
    cause_category = models.CharField(
        max_length=16, choices=CauseCategory.choices, default=CauseCategory.OURS
    )
    cause = models.TextField(blank=True, help_text="What went wrong")
    identified = models.TextField(blank=True, help_text="What was identified")
    prevention = models.TextField(blank=True, help_text="What prevents a recurrence")
    recovery_steps = models.JSONField(default=list, blank=True, help_text="Plan, one step each")
    offer_edits = models.JSONField(
        default=list,
        blank=True,
        help_text="The owner's edits of the policy's offers, kept within its caps: "
        '[{"kind": ..., "amount": "...", "description": ...}]; empty means the policy\'s offer',
    )
    ready_for_stake = models.TextField(
        blank=True,
        help_text="What can still be delivered before the client's stake, when the new date "
        "misses it (a noun phrase in the client's language)",
    )
    previous_promised_on = models.DateField(null=True, blank=True)
    recommended_on = models.DateField(null=True, blank=True)
    chosen_on = models.DateField(null=True, blank=True)
    forecast = models.ForeignKey(
        "plazo.Forecast", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(state__in=OPEN_CASE_STATES),
                name="delaycase_one_open_per_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} ({self.state})"


class Offer(TenantModel):
    """Compensation for a delay, tracked from offered to applied."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="offers")
    delay_case = models.ForeignKey(
        DelayCase, on_delete=models.SET_NULL, null=True, blank=True, related_name="offers"
    )
    kind = models.CharField(max_length=16, choices=OFFER_KIND_CHOICES)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    description = models.CharField(max_length=300)
    rule = models.CharField(max_length=120, blank=True, help_text="Policy rule that proposed it")
    state = models.CharField(max_length=16, choices=OFFER_STATE_CHOICES, default=OfferState.OFFERED)
    offered_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["-offered_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="offer_amount_not_negative"),
            models.CheckConstraint(
                condition=~Q(state=OfferState.APPLIED) | Q(applied_amount__isnull=False),
                name="offer_applied_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.currency}"
