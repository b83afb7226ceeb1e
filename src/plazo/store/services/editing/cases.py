"""A person opens or discards a delay case on the dashboard; the week's waiting update follows.

Neither re-forecasts the project, but both change what this week's update may say: while a draft
case waits the update never says "on track" (:func:`plazo.core.health.health_to_tell`), and once
it is discarded it may again. An approver once read "Hay riesgo…" on *This week* after
discarding the draft while *Send now* sent "Vamos bien…". So the update that waits for approval
is rewritten in the same transaction (:mod:`plazo.store.services.checkins.waiting`). These live
above both capabilities: the delay cases know nothing of weekly updates.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from plazo.store.models import DelayCase, Project
from plazo.store.services.checkins.waiting import refresh_waiting_update
from plazo.store.services.delays.discard import discard_case
from plazo.store.services.delays.manual import open_case_by_hand

__all__ = ["discard_draft_case", "open_case"]


@transaction.atomic
def open_case(project: Project, *, now: datetime) -> DelayCase:
    """Open a draft delay case by hand (or return the open one), then rewrite the waiting
    update so that *This week* shows what would go out."""
    case = open_case_by_hand(project, now=now)
    refresh_waiting_update(case.project, now=now)
    return case


@transaction.atomic
def discard_draft_case(case: DelayCase, *, reason: str, now: datetime) -> DelayCase:
    """Discard the draft ``case`` with ``reason``, then rewrite the waiting update: it no
    longer speaks of a promise under review."""
    case = discard_case(case, reason=reason, now=now)
    refresh_waiting_update(case.project, now=now)
    return case
