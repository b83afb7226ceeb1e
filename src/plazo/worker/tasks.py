"""Tasks for django-tasks: the periodic tick that runs what is due, then schedules itself again."""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import task

__all__ = [
    "REFORECAST_DELAY",
    "TICK_INTERVAL",
    "ensure_tick_scheduled",
    "reforecast_project_task",
    "schedule_reforecast",
    "tick",
]

log = logging.getLogger(__name__)
TICK_INTERVAL = timedelta(seconds=30)
# Progress often arrives in bursts (a stand-up's worth of tickets closed at once): wait a minute
# after the first change so one re-forecast covers the whole burst.
REFORECAST_DELAY = timedelta(seconds=60)


@task()
def tick() -> dict[str, int]:
    """Run the due work once and schedule the next tick."""
    from plazo.store.services.due import run_due_work

    done = run_due_work(now=timezone.now(), rng=random.Random())
    ensure_tick_scheduled(exclude_running=True)
    summary = {
        "sent": len(done.delivery.sent),
        "retrying": len(done.delivery.retrying),
        "failed": len(done.delivery.failed),
    }
    if any(summary.values()):
        log.info("tick: %s", summary)
    return summary


def ensure_tick_scheduled(*, exclude_running: bool = False) -> bool:
    """Enqueue the next tick unless one is already waiting; returns whether it enqueued one.

    Two workers may both see none waiting and both enqueue: harmless, because the due work is
    idempotent; the extra chain ends the next time a tick finds another one waiting.
    """
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=_TICK_PATH, status="READY")
    if waiting.exists():
        return False
    tick.using(run_after=timezone.now() + TICK_INTERVAL).enqueue()
    return True


_TICK_PATH = f"{tick.func.__module__}.{tick.func.__qualname__}"


@task()
def reforecast_project_task(project_id: int) -> int | None:
    """Re-forecast one project and open a delay case if it is now at risk; returns the case id."""
    from plazo.store.models import Project, ProjectStatus
    from plazo.store.services.early_warning import watch_project

    project = (
        Project.objects.select_related("client", "organisation")
        .filter(pk=project_id, status=ProjectStatus.ACTIVE, promised_on__isnull=False)
        .first()
    )
    if project is None:
        return None
    case = watch_project(project, now=timezone.now()).opened
    return case.pk if case else None


def schedule_reforecast(project_id: int, *, now: datetime) -> bool:
    """Enqueue the project's re-forecast unless one is already waiting (the debounce)."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=_REFORECAST_PATH, status="READY", args_kwargs__kwargs__project_id=project_id
    )
    if waiting.exists():
        return False
    reforecast_project_task.using(run_after=now + REFORECAST_DELAY).enqueue(project_id=project_id)
    return True


_REFORECAST_PATH = (
    f"{reforecast_project_task.func.__module__}.{reforecast_project_task.func.__qualname__}"
)
