"""Forecasts: one row per run, kept as history ("forecast over time")."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from plazo.store.models.project import Project
from plazo.store.models.scoping import OrganisationQuerySet, TenantModel

__all__ = ["Forecast", "ForecastQuerySet"]


class ForecastQuerySet(OrganisationQuerySet["Forecast"]):
    """Forecast runs, with the one definition of which run is a project's latest."""

    def newest_first(self) -> ForecastQuerySet:
        """The latest run first: the one stored last.

        Insertion order, not ``created_at``: a worker whose clock runs a few seconds ahead of the
        web server's would otherwise keep its run against the old promise "newest" after the
        owner's approval stored the run against the new one. Runs of one project are stored
        under its row lock (``reforecast_project``), so the last stored is the last computed.
        """
        return self.order_by("-pk")

    def latest_run(self) -> Forecast | None:
        """The newest run among these (of one project, once filtered), or None."""
        return self.newest_first().first()


class Forecast(TenantModel):
    """The result of one forecast run for one project."""

    objects: ClassVar[ForecastQuerySet] = ForecastQuerySet.as_manager()  # type: ignore[assignment]

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="forecasts")
    created_at = models.DateTimeField(db_index=True)
    model = models.CharField(max_length=40)
    trials = models.PositiveIntegerField()
    history_size = models.PositiveIntegerField(default=0)
    remaining_hours = models.FloatField(help_text="Sum of remaining estimates")
    effort_p50_hours = models.FloatField()
    effort_p85_hours = models.FloatField()
    effort_p95_hours = models.FloatField()
    finish_p50_on = models.DateField(null=True, blank=True)
    finish_p85_on = models.DateField(null=True, blank=True)
    finish_p95_on = models.DateField(null=True, blank=True)
    p_on_time = models.FloatField(null=True, blank=True, help_text="P(finish ≤ promised date)")
    recommended_on = models.DateField(null=True, blank=True)
    confidence_target = models.FloatField(default=0.85)
    reason = models.TextField(blank=True, help_text="Why a prior or a fallback was used")
    inputs_fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the inputs")
    # What the number stands on (shown on the project page and in the owner alert).
    remaining_items = models.PositiveIntegerField(default=0)
    unestimated_items = models.PositiveIntegerField(
        default=0, help_text="Remaining items sized from finished items' actual effort"
    )
    capacity_hours_per_week = models.FloatField(null=True, blank=True)
    model_reason = models.TextField(blank=True, help_text="Which model, and why")
    growth_rate = models.FloatField(
        null=True, blank=True, help_text="Work added per unit of known work (None: not measured)"
    )
    growth_finish_p85_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["project", "-created_at"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(effort_p50_hours__lte=models.F("effort_p85_hours"))
                & Q(effort_p85_hours__lte=models.F("effort_p95_hours")),
                name="forecast_effort_percentiles_ordered",
            ),
            models.CheckConstraint(
                condition=Q(p_on_time__isnull=True) | (Q(p_on_time__gte=0) & Q(p_on_time__lte=1)),
                name="forecast_probability_in_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} @ {self.created_at:%Y-%m-%d %H:%M}"
