"""Tasks for django-tasks: the periodic tick that runs what is due, then schedules itself again."""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

__all__ = ["TICK_INTERVAL", "ensure_tick_scheduled", "tick"]

log = logging.getLogger(__name__)
TICK_INTERVAL = timedelta(seconds=30)


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
