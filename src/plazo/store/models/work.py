"""Work items: the tasks of a project, their estimates and, once done, their actual effort."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

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
    done_recorded_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When plazo learned the item was done (its completion day may be earlier): "
        "what a weekly update has or has not reported yet.",
    )
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

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Stamp when the item became done (and forget it when it is reopened), however it is
        saved: a form, the API, an import, the admin. Bulk writes leave it empty, and a weekly
        update then falls back to the completion day."""
        if self.status != WorkItemStatus.DONE:
            self.done_recorded_at = None
        elif self.done_recorded_at is None:
            self.done_recorded_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {*update_fields, "done_recorded_at"}
        super().save(*args, **kwargs)

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
