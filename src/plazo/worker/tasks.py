"""Tasks for django-tasks: the periodic tick that runs what is due, then schedules itself again."""

from __future__ import annotations

import functools
import logging
import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone
from django_tasks import task

if TYPE_CHECKING:
    from plazo.store.services.forecasting.run import OrganisationHistories

__all__ = [
    "CHECKIN_BATCH",
    "REFORECAST_DELAY",
    "TICK_INTERVAL",
    "checkin_batch",
    "ensure_tick_scheduled",
    "fan_out_checkins",
    "reforecast_project_task",
    "schedule_reforecast",
    "tick",
    "worker_seen",
]

log = logging.getLogger(__name__)
TICK_INTERVAL = timedelta(seconds=30)
# Progress often arrives in bursts (a stand-up's worth of tickets closed at once): wait a minute
# after the first change so one re-forecast covers the whole burst.
REFORECAST_DELAY = timedelta(seconds=60)
# Small enough that two or more workers share a week's start evenly, large enough that the queue
# stays short (10,000 projects: 400 tasks).
CHECKIN_BATCH = 25
# How long a worker reuses an organisation's finished work between batches of check-ins.
HISTORY_MAX_AGE = timedelta(minutes=5)


@task()
def tick() -> dict[str, int]:
    """Hand out the due check-ins in batches, run the rest of the due work, schedule the next."""
    from plazo.worker.due import run_due_work

    now = timezone.now()
    batches = fan_out_checkins(now=now)
    done = run_due_work(now=now, rng=random.Random(), checkins=False)
    ensure_tick_scheduled(exclude_running=True)
    summary = {
        "checkin_batches": batches,
        "sent": len(done.delivery.sent),
        "retrying": len(done.delivery.retrying),
        "failed": len(done.delivery.failed),
    }
    if any(summary.values()):
        log.info("tick: %s", summary)
    return summary


def fan_out_checkins(*, now: datetime) -> int:
    """Enqueue the due check-ins as batches any worker can take; returns how many batches.

    Nothing is enqueued while batches from an earlier tick are still waiting, so a long week's
    start (ten thousand updates) is handed out once. A batch whose worker died is not lost: its
    projects are neither written nor claimed (or their claim's lease runs out), so a later tick
    hands them out again.
    """
    from django_tasks_db.models import DBTaskResult

    from plazo.store.services.checkins.weekly import due_checkins

    if DBTaskResult.objects.filter(task_path=_CHECKIN_BATCH_PATH, status="READY").exists():
        return 0
    due = due_checkins(now=now)
    for start in range(0, len(due), CHECKIN_BATCH):
        checkin_batch.enqueue(project_ids=due[start : start + CHECKIN_BATCH], as_of=now.isoformat())
    return -(-len(due) // CHECKIN_BATCH)


@task()
def checkin_batch(project_ids: list[int], as_of: str) -> dict[str, int]:
    """Write the weekly updates of these projects as of the tick that found them due (``as_of``,
    ISO 8601), then deliver what the outbox holds.

    Delivering here, not only in the tick, lets every worker send while the week's updates are
    being written.
    """
    from plazo.store.services.checkins.weekly import run_weekly_checkins
    from plazo.worker.due import deliver_outbox

    written = run_weekly_checkins(
        now=datetime.fromisoformat(as_of), project_ids=project_ids, histories=_histories()
    )
    delivery = deliver_outbox(now=timezone.now(), rng=random.Random())
    return {"updates": len(written), "sent": len(delivery.sent)}


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


def worker_seen(*, now: datetime, within: timedelta = 4 * TICK_INTERVAL) -> bool:
    """Whether a worker has shown signs of life ``within`` this long: a task started or
    finished, or a tick scheduled (a running worker schedules one every :data:`TICK_INTERVAL`).

    Pages that promise an e-mail say, from this, whether it leaves now or waits for a worker.
    """
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult

    since = now - within
    alive = (
        Q(started_at__gte=since)
        | Q(finished_at__gte=since)
        | Q(task_path=_TICK_PATH, status="READY", enqueued_at__gte=since)
    )
    return DBTaskResult.objects.filter(alive).exists()


@functools.cache
def _histories() -> OrganisationHistories:
    """The worker process's readings of the organisations' finished work, reused for a while."""
    from plazo.store.services.forecasting.run import OrganisationHistories

    return OrganisationHistories(max_age_seconds=HISTORY_MAX_AGE.total_seconds())


_TICK_PATH = f"{tick.func.__module__}.{tick.func.__qualname__}"
_CHECKIN_BATCH_PATH = f"{checkin_batch.func.__module__}.{checkin_batch.func.__qualname__}"


@task()
def reforecast_project_task(project_id: int) -> int | None:
    """Re-forecast one project and open a delay case if it is now at risk; returns the case id."""
    from plazo.store.models import Project, ProjectStatus
    from plazo.store.services.checkins.waiting import refresh_waiting_update
    from plazo.store.services.delays.watch import watch_project
    from plazo.store.services.forecasting.run import OrganisationHistories
    from plazo.store.services.work.snapshots import load_project_snapshots

    watched = Project.objects.filter(
        pk=project_id, status=ProjectStatus.ACTIVE, promised_on__isnull=False
    )
    snapshot = load_project_snapshots(watched.values_list("pk", flat=True)).get(project_id)
    if snapshot is None:
        return None
    # A fresh reading: the progress that scheduled this re-forecast may be finished work.
    now = timezone.now()
    case = watch_project(snapshot, now=now, histories=OrganisationHistories()).opened
    refresh_waiting_update(snapshot.project, now=now)  # a draft awaiting approval follows
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
