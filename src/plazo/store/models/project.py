"""Projects: what was promised to a client, by when, and what the client counts on it for."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from plazo.core.calendar import WorkCalendar, local_day
from plazo.store.models import limits
from plazo.store.models.choices import ForecastMode, ProjectStatus
from plazo.store.models.client import Client
from plazo.store.models.scoping import TenantModel

__all__ = ["Project"]


class Project(TenantModel):
    """A piece of work delivered to a client on a promised date.

    ``promised_on`` mirrors the current :class:`Commitment`; only the promise-ledger service
    writes it, in the same transaction as the commitment row.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(max_length=200, validators=[limits.validate_text])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_projects",
    )
    status = models.CharField(max_length=16, choices=ProjectStatus.choices, default="active")
    start_on = models.DateField(validators=[limits.validate_day])
    promised_on = models.DateField(
        null=True, blank=True, editable=False, validators=[limits.validate_day]
    )
    delivered_on = models.DateField(null=True, blank=True, validators=[limits.validate_day])
    stake = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the client counts on this for, e.g. 'la junta anual de accionistas'.",
        validators=[limits.validate_text],
    )
    stake_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the client needs it.",
        validators=[limits.validate_day],
    )
    capacity_hours_per_week = models.DecimalField(
        max_digits=7, decimal_places=2, default=Decimal("30"), validators=[limits.validate_capacity]
    )
    country = models.CharField(max_length=2, default="ES", help_text="Public-holiday calendar")
    subdivision = models.CharField(
        max_length=10, blank=True, help_text="e.g. MD for Madrid", validators=[limits.validate_text]
    )
    checkin_weekday = models.PositiveSmallIntegerField(default=0, help_text="0 = Monday")
    checkin_hour = models.PositiveSmallIntegerField(default=9, help_text="client's local hour")
    confidence_target = models.DecimalField(max_digits=3, decimal_places=2, default=Decimal("0.85"))
    risk_threshold = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.70"),
        help_text="Open a delay case when P(on time) falls below this.",
    )
    value = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    currency = models.CharField(max_length=3, default="EUR")
    forecast_mode = models.CharField(
        max_length=12,
        choices=ForecastMode.choices,
        default=ForecastMode.AUTO,
        help_text="How to forecast: by estimates, by counting items, or chosen by itself.",
    )
    external_id = models.CharField(
        max_length=200,
        blank=True,
        help_text="Id in the system it was imported from.",
        validators=[limits.validate_text],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    checkin_error = models.TextField(
        blank=True, editable=False, help_text="Why the last check-in failed; empty when it ran."
    )
    checkin_failed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["promised_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="project_name_unique"),
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~Q(external_id=""),
                name="project_external_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(capacity_hours_per_week__gt=0), name="project_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(confidence_target__gt=0) & Q(confidence_target__lt=1),
                name="project_confidence_in_0_1",
            ),
            models.CheckConstraint(
                condition=Q(risk_threshold__gt=0) & Q(risk_threshold__lt=1),
                name="project_risk_threshold_in_0_1",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="project_value_not_negative"),
            models.CheckConstraint(
                condition=Q(checkin_weekday__lte=6), name="project_checkin_weekday_0_6"
            ),
            models.CheckConstraint(
                condition=Q(checkin_hour__lte=23), name="project_checkin_hour_0_23"
            ),
            models.CheckConstraint(
                condition=Q(delivered_on__isnull=True) | Q(delivered_on__gte=models.F("start_on")),
                name="project_delivered_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Refuse what a check-in would choke on: a holiday calendar that does not exist, dates
        out of order (field by field, so a form shows each next to its input)."""
        super().clean()
        values = {f: getattr(self, f) for f in ("country", "subdivision", "start_on")}
        values |= {"promised_on": self.promised_on, "delivered_on": self.delivered_on}
        problems = limits.project_problems(values)
        if problems:
            raise ValidationError(dict(problems))

    def client_today(self, now: datetime) -> date:
        """The project's "today": the date it is at ``now`` in its client's time zone."""
        return local_day(now, self.client.time_zone)

    def entry_day(self, today: date) -> date:
        """The day new work enters the plan: ``today``, or the start for a project that has
        not started yet (work planned before the start is in the plan since the start)."""
        return max(today, self.start_on)

    def work_calendar(self) -> WorkCalendar:
        """Working days of the project: weekends and its holiday calendar (country, region)."""
        return WorkCalendar(country=self.country or None, subdivision=self.subdivision or None)
