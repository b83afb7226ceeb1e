"""The promise ledger: the one way a project's promised date changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction

from plazo.store.models import Commitment, Forecast, Message, Project

__all__ = ["PromiseRecorded", "record_promise"]


@dataclass(frozen=True)
class PromiseRecorded:
    """The new current commitment and the one it replaced (if any)."""

    commitment: Commitment
    superseded: Commitment | None


@transaction.atomic
def record_promise(
    project: Project,
    promised_on: date,
    *,
    made_at: datetime,
    made_by: Any = None,
    made_to: str = "",
    reason: str = "",
    forecast: Forecast | None = None,
    notice: Message | None = None,
) -> PromiseRecorded:
    """Record a new promised date for ``project``, superseding the current one.

    1. Lock the project row, so two people re-promising at once are serialised.
    2. Write the new commitment (history is append-only: old rows are only marked superseded).
    3. Point the old current commitment at it and mirror the date on the project.
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    previous = Commitment.objects.filter(project=project, is_current=True).first()
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    commitment = Commitment.objects.create(
        organisation_id=project.organisation_id,
        project=project,
        promised_on=promised_on,
        made_at=made_at,
        made_by=made_by,
        made_to=made_to,
        reason=reason,
        forecast=forecast,
        notice=notice,
        is_current=True,
    )
    if previous is not None:
        previous.superseded_by = commitment
        previous.save(update_fields=["superseded_by"])
    project.promised_on = promised_on
    project.save(update_fields=["promised_on"])
    return PromiseRecorded(commitment=commitment, superseded=previous)
