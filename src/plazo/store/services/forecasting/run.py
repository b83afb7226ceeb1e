"""Re-forecast stored projects with the core engine and keep every run as history."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import numpy as np
from django.db.models import OuterRef, Subquery

from plazo.core.forecast import (
    DEFAULT_MODEL,
    History,
    HistoryRow,
    PortfolioProject,
    SamplingPlan,
    Task,
    forecast_portfolio,
    history_from_rows,
    plan_model,
)
from plazo.store.models import (
    Forecast,
    Organisation,
    Project,
    ProjectStatus,
    WorkItem,
    WorkItemStatus,
)

__all__ = [
    "FittedHistory",
    "OrganisationHistories",
    "ProjectReads",
    "Reforecast",
    "latest_forecast",
    "latest_forecasts",
    "organisation_history",
    "reforecast_active",
    "reforecast_project",
    "remaining_work",
]

TRIALS = 10_000


@dataclass(frozen=True)
class Reforecast:
    """The project's current forecast, and whether this run stored a new row."""

    forecast: Forecast
    stored: bool


def organisation_history(organisation: Organisation | int) -> History:
    """Every finished, estimated task of the organisation with its actual effort."""
    done = (
        WorkItem.objects.for_organisation(organisation)
        .filter(
            status="done",
            estimate_hours__isnull=False,
            actual_hours__isnull=False,
            completed_on__isnull=False,
        )
        .order_by("completed_on", "pk")
        .values_list(
            "project_id", "pk", "estimate_hours", "actual_hours", "completed_on", "estimator"
        )
    )
    return history_from_rows(
        HistoryRow(str(project), str(pk), float(estimate or 0), float(actual or 0), completed, who)
        for project, pk, estimate, actual, completed, who in done
        if completed is not None  # filtered above; the annotation cannot know
    )


@dataclass(frozen=True)
class FittedHistory:
    """An organisation's finished work, the default model fitted to it, and its digest, once."""

    history: History
    plan: SamplingPlan
    digest: str


def fit_history(history: History) -> FittedHistory:
    digest = hashlib.sha256(
        history.estimate_hours.tobytes()
        + history.actual_hours.tobytes()
        + "|".join(history.project.tolist()).encode()
    ).hexdigest()
    return FittedHistory(history, plan_model(DEFAULT_MODEL, history), digest)


@dataclass(frozen=True)
class ProjectReads:
    """What a caller already read about one project: a pass over many projects reads in bulk."""

    items: Sequence[WorkItem]  # all of them, done and removed included
    latest_forecast: Forecast | None


def latest_forecast(project: Project) -> Forecast | None:
    """The project's newest forecast."""
    return project.forecasts.latest_run()


def latest_forecasts(project_ids: Sequence[int]) -> dict[int, Forecast]:
    """The newest forecast of each of these projects: two queries per 500 projects."""
    newest = Forecast.objects.filter(project=OuterRef("pk")).newest_first().values("pk")
    found: dict[int, Forecast] = {}
    for start in range(0, len(project_ids), _CHUNK):
        chunk = list(project_ids[start : start + _CHUNK])
        ids = Project.objects.filter(pk__in=chunk).values_list(Subquery(newest[:1]), flat=True)
        found.update(
            (f.project_id, f) for f in Forecast.objects.filter(pk__in=[i for i in ids if i])
        )
    return found


_CHUNK = 500  # ids per IN list: far below any database's limit on parameters


class OrganisationHistories:
    """Each organisation's history read and fitted once, for jobs over many projects.

    Without ``max_age_seconds`` it is read once for the object's life (one pass). With it, a
    long-lived worker reuses a reading until it is that old: a week's check-ins arrive in many
    small batches, and reading ten thousand projects' finished tasks for each batch would cost
    more than the batch. Every forecast records the digest of the history it used, so a reading
    a few minutes old is still traceable.
    """

    def __init__(
        self,
        max_age_seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._by_organisation: dict[int, tuple[FittedHistory, float]] = {}
        self._max_age = max_age_seconds
        self._clock = clock

    def of(self, organisation_id: int) -> FittedHistory:
        now = self._clock()
        kept = self._by_organisation.get(organisation_id)
        if kept is not None and (self._max_age is None or now - kept[1] < self._max_age):
            return kept[0]
        fitted = fit_history(organisation_history(organisation_id))
        self._by_organisation[organisation_id] = (fitted, now)
        return fitted


def reforecast_project(
    project: Project,
    *,
    today: date,
    now: datetime,
    history: FittedHistory | None = None,
    reads: ProjectReads | None = None,
) -> Reforecast:
    """Forecast ``project`` from today; store a row only when the inputs changed since the last.

    The random seed is derived from the inputs, so the same inputs always give the same numbers:
    any figure plazo prints can be reproduced from the data it was computed from.
    ``history`` and ``reads`` (the project's work items and latest forecast) are passed when the
    caller already read them.
    """
    fitted = (
        history
        if history is not None
        else fit_history(organisation_history(project.organisation_id))
    )
    remaining = [
        Task(float(estimate or 0), estimator, str(pk))
        for pk, estimate, estimator in (
            remaining_work(project) if reads is None else _remaining_of(reads.items)
        )
    ]
    start = max(today, project.start_on)
    deadline = project.promised_on if project.promised_on and project.promised_on >= start else None
    calendar = project.work_calendar()
    fingerprint = _fingerprint(project, remaining, fitted.digest, start, deadline)
    latest = reads.latest_forecast if reads else latest_forecast(project)
    if latest is not None and latest.inputs_fingerprint == fingerprint:
        return Reforecast(latest, stored=False)
    [result] = forecast_portfolio(
        [
            PortfolioProject(
                tuple(task.estimate_hours for task in remaining),
                start,
                float(project.capacity_hours_per_week),
                deadline,
                calendar,
                float(project.confidence_target),
                str(project.pk),
            )
        ],
        fitted.history,
        trials=TRIALS,
        rng=np.random.default_rng(int(fingerprint[:16], 16)),
        plan=fitted.plan,
    )
    p_on_time = result.p_on_time
    if project.promised_on is not None and deadline is None:
        p_on_time = 0.0  # the promised date is already behind us
    forecast = Forecast.objects.create(
        organisation_id=project.organisation_id,
        project=project,
        created_at=now,
        model=result.model,
        trials=result.trials,
        history_size=result.history_size,
        remaining_hours=result.remaining_hours,
        effort_p50_hours=result.effort_p50_hours,
        effort_p85_hours=result.effort_p85_hours,
        effort_p95_hours=result.effort_p95_hours,
        finish_p50_on=result.finish_p50_on,
        finish_p85_on=result.finish_p85_on,
        finish_p95_on=result.finish_p95_on,
        p_on_time=p_on_time,
        recommended_on=result.recommended_on,
        confidence_target=result.confidence,
        reason=result.reason,
        inputs_fingerprint=fingerprint,
    )
    return Reforecast(forecast, stored=True)


def reforecast_active(organisation: Organisation, *, now: datetime) -> list[Reforecast]:
    """Re-forecast every active project of the organisation (the history is read once).

    Each project is forecast from its own today, its client's date at ``now``.
    """
    fitted = fit_history(organisation_history(organisation))
    projects: Iterable[Project] = (
        Project.objects.for_organisation(organisation)
        .filter(status=ProjectStatus.ACTIVE)
        .select_related("client")
        .order_by("pk")
    )
    return [
        reforecast_project(p, today=p.client_today(now), now=now, history=fitted) for p in projects
    ]


_Remaining = tuple[int, Decimal | None, str]


def remaining_work(project: Project) -> list[_Remaining]:
    """The estimated work not done yet, in plan order (pk, estimate, estimator)."""
    return list(
        project.work_items.filter(removed_on__isnull=True, estimate_hours__isnull=False)
        .exclude(status=WorkItemStatus.DONE)
        .order_by("position", "pk")
        .values_list("pk", "estimate_hours", "estimator")
    )


def _remaining_of(items: Sequence[WorkItem]) -> list[_Remaining]:
    """:func:`remaining_work`, chosen in memory from all the project's items."""
    left = [
        item
        for item in items
        if item.removed_on is None
        and item.estimate_hours is not None
        and item.status != WorkItemStatus.DONE
    ]
    left.sort(key=lambda item: (item.position, item.pk))
    return [(item.pk, item.estimate_hours, item.estimator) for item in left]


def _fingerprint(
    project: Project, remaining: list[Task], history_digest: str, start: date, deadline: date | None
) -> str:
    inputs = {
        "remaining": [(t.name, t.estimate_hours, t.estimator) for t in remaining],
        "history": history_digest,
        "start": start.isoformat(),
        "deadline": deadline.isoformat() if deadline else None,
        "capacity": str(project.capacity_hours_per_week),
        "calendar": [project.country, project.subdivision],
        "confidence": str(project.confidence_target),
        "trials": TRIALS,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
