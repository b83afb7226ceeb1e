"""Work items: the tasks of a project, their estimates and, once done, their actual effort."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from plazo.core.scope import ScopeItem
from plazo.store.models import limits
from plazo.store.models.choices import WorkItemStatus
from plazo.store.models.project import Project
from plazo.store.models.scoping import TenantModel

__all__ = ["WorkItem"]


class WorkItem(TenantModel):
    """One task. Scope changes are kept: a removed item keeps its row with ``removed_on`` set."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="work_items")
    title = models.CharField(max_length=300, validators=[limits.validate_text])
    status = models.CharField(
        max_length=8, choices=WorkItemStatus.choices, default=WorkItemStatus.TODO
    )
    estimate_hours = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Empty: not estimated.",
        validators=[limits.validate_estimate_hours],
    )
    actual_hours = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, validators=[limits.validate_hours]
    )
    estimator = models.CharField(max_length=120, blank=True, validators=[limits.validate_text])
    added_on = models.DateField(
        help_text="When the item entered the scope.", validators=[limits.validate_day]
    )
    removed_on = models.DateField(
        null=True, blank=True, help_text="When it left the scope.", validators=[limits.validate_day]
    )
    started_on = models.DateField(null=True, blank=True, validators=[limits.validate_day])
    completed_on = models.DateField(null=True, blank=True, validators=[limits.validate_day])
    position = models.PositiveIntegerField(default=0)
    external_id = models.CharField(
        max_length=200,
        blank=True,
        help_text="Id in the system it was imported from.",
        validators=[limits.validate_text],
    )

    class Meta:
        ordering = ["project", "position", "pk"]
        indexes = [models.Index(fields=["organisation", "status", "completed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~Q(external_id=""),
                name="workitem_external_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(estimate_hours__isnull=True) | Q(estimate_hours__gt=0),
                name="workitem_estimate_positive",
            ),
            models.CheckConstraint(
                condition=Q(actual_hours__isnull=True) | Q(actual_hours__gte=0),
                name="workitem_actual_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status=WorkItemStatus.DONE) | Q(completed_on__isnull=False),
                name="workitem_done_has_completion_date",
            ),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | Q(removed_on__gte=models.F("added_on")),
                name="workitem_removed_after_added",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """Refuse days out of order: done before it was added, before it was started."""
        super().clean()
        fields = ("added_on", "started_on", "completed_on", "removed_on")
        problems = limits.work_item_problems({f: getattr(self, f) for f in fields})
        if problems:
            raise ValidationError(dict(problems))

    def scope_item(self) -> ScopeItem:
        """The item as a burn-up counts it; a completion date counts only while it is done."""
        return ScopeItem(
            estimate_hours=float(self.estimate_hours or 0),
            added_on=self.added_on,
            removed_on=self.removed_on,
            completed_on=self.completed_on if self.status == WorkItemStatus.DONE else None,
        )
