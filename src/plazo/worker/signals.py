"""Progress changes schedule a re-forecast: whatever saved the work item (admin, API, a script),
or an import that wrote items in bulk."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from plazo.store.models import WorkItem
from plazo.store.signals import work_changed_in_bulk

__all__ = ["work_changed_by_import", "work_item_changed"]


@receiver(post_save, sender=WorkItem, dispatch_uid="plazo.worker.work_item_changed")
def work_item_changed(sender: type[WorkItem], instance: WorkItem, **kwargs: Any) -> None:
    """Schedule the project's re-forecast once the change is committed (debounced)."""
    from plazo.worker.tasks import schedule_reforecast

    project_id = instance.project_id
    transaction.on_commit(lambda: schedule_reforecast(project_id, now=timezone.now()))


@receiver(work_changed_in_bulk, dispatch_uid="plazo.worker.work_changed_by_import")
def work_changed_by_import(sender: object, project_id: int, **kwargs: Any) -> None:
    """Schedule the re-forecast of a project an import changed (sent after it committed)."""
    from plazo.worker.tasks import schedule_reforecast

    schedule_reforecast(project_id, now=timezone.now())
