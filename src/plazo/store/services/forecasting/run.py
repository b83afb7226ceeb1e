"""Re-forecast stored projects with the core engine and keep every run as history."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from plazo.core.forecast import (
    DEFAULT_MODEL,
    Growth,
    History,
    HistoryRow,
    SamplingPlan,
    history_from_rows,
    measure_growth,
    plan_model,
)
from plazo.store.models import (
    Forecast,
    Organisation,
    Project,
    ProjectStatus,
    WorkItem,
)
from plazo.store.services.forecasting.inputs import TRIALS, ProjectInputs, project_inputs, simulate
from plazo.store.services.work.snapshots import (
    ProjectSnapshot,
    iter_project_snapshots,
    load_project_snapshots,
)

__all__ = [
    "TRIALS",
    "FittedHistory",
    "OrganisationHistories",
    "Reforecast",
    "active_project_ids",
    "organisation_history",
    "reforecast_active",
    "reforecast_project",
    "trials_seed",
]


@dataclass(frozen=True)
class Reforecast:
    """The project's current forecast, whether this run stored a new row, and what it read.

    ``forecast`` is None for a project with no work item in scope: a forecast of no work would
    promise "done tomorrow, 100 %", which nobody should read or keep as history.
    """

    forecast: Forecast | None
    stored: bool
    snapshot: ProjectSnapshot


def organisation_history(organisation: Organisation | int) -> History:
    """Every finished, estimated task of the organisation with its actual effort and added date."""
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
            "project_id",
            "pk",
            "estimate_hours",
            "actual_hours",
            "completed_on",
            "estimator",
            "added_on",
        )
    )
    return history_from_rows(
        HistoryRow(
            str(project),
            str(pk),
            float(estimate or 0),
            float(actual or 0),
            completed,
            who,
            created_on=added,
        )
        for project, pk, estimate, actual, completed, who, added in done
        if completed is not None  # filtered above; the annotation cannot know
    )


@dataclass(frozen=True)
class FittedHistory:
    """An organisation's finished work, the default model fitted to it, and its digest, once."""

    history: History
    plan: SamplingPlan
    digest: str
    growth: Growth | None = None  # added work per unit of known work, from added dates
    growth_digest: str = ""


def fit_history(history: History) -> FittedHistory:
    digest = hashlib.sha256(
        history.estimate_hours.tobytes()
        + history.actual_hours.tobytes()
        + "|".join(history.project.tolist()).encode()
    ).hexdigest()
    created = history.created_on
    growth_digest = hashlib.sha256(b"" if created is None else created.tobytes()).hexdigest()
    return FittedHistory(
        history,
        plan_model(DEFAULT_MODEL, history),
        digest,
        measure_growth(history),
        growth_digest,
    )


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
    snapshot: ProjectSnapshot,
    *,
    today: date,
    now: datetime,
    histories: OrganisationHistories,
) -> Reforecast:
    """Forecast the project from today; store a row only when the inputs changed since the last.

    The random seed is derived from the inputs, so the same inputs always give the same numbers:
    any figure plazo prints can be reproduced from the data it was computed from. Everything
    about the project comes from ``snapshot``; the team's history from ``histories``. A project
    without work (no item in scope) is not forecast at all.
    """
    with transaction.atomic():
        return _reforecast(_as_stored(snapshot), today=today, now=now, histories=histories)


def _as_stored(snapshot: ProjectSnapshot) -> ProjectSnapshot:
    """The snapshot, read again under the project's row lock when its promise has moved.

    A pass over many projects reads them in batches; meanwhile the owner may approve a new
    promise (which stores its own run). A run from the older reading, stored after it, would
    become the latest and put the old promise's chance back on every page. Locking the project
    row serialises the runs of one project, and a reading whose promised date or capacity is no
    longer the stored one is replaced by a fresh one (one query on the project row otherwise:
    a pass reads no forecast per project).
    """
    project = snapshot.project
    stored = (
        Project.objects.select_for_update()
        .filter(pk=project.pk)
        .values_list("promised_on", "capacity_hours_per_week")
        .first()
    )
    if stored is None or stored == (project.promised_on, project.capacity_hours_per_week):
        return snapshot
    return load_project_snapshots([project.pk]).get(project.pk, snapshot)


def _reforecast(
    snapshot: ProjectSnapshot,
    *,
    today: date,
    now: datetime,
    histories: OrganisationHistories,
) -> Reforecast:
    project = snapshot.project
    if not snapshot.has_work:
        return Reforecast(None, stored=False, snapshot=snapshot)
    fitted = histories.of(project.organisation_id)
    inputs = project_inputs(snapshot, today=today)
    fingerprint = _fingerprint(project, inputs, fitted)
    latest = snapshot.latest_forecast
    if latest is not None and latest.inputs_fingerprint == fingerprint:
        return Reforecast(latest, stored=False, snapshot=snapshot)
    [result] = simulate(
        inputs,
        str(project.pk),
        fitted.history,
        fitted.plan,
        fitted.growth,
        trials_seed(project, inputs, fitted),
    )
    deadline = inputs.deadline
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
        remaining_items=result.remaining_items,
        unestimated_items=result.unestimated_items,
        capacity_hours_per_week=inputs.capacity_hours_per_week,
        model_reason=inputs.why,
        growth_rate=result.growth.rate if result.growth else None,
        growth_finish_p85_on=result.growth.finish_p85_on if result.growth else None,
    )
    return Reforecast(forecast, stored=True, snapshot=snapshot)


def reforecast_active(
    organisation: Organisation,
    *,
    now: datetime,
    histories: OrganisationHistories | None = None,
) -> list[Reforecast]:
    """Re-forecast every active project of the organisation, from their snapshots.

    Each project is forecast from its own today, its client's date at ``now``; the
    organisation's history is read once (``histories``, a new reading unless given).
    """
    histories = histories or OrganisationHistories()
    return [
        reforecast_project(s, today=s.project.client_today(now), now=now, histories=histories)
        for s in iter_project_snapshots(active_project_ids(organisation))
    ]


def active_project_ids(organisation: Organisation) -> list[int]:
    """The organisation's active projects, oldest first: what a re-forecast goes through."""
    return list(
        Project.objects.for_organisation(organisation)
        .filter(status=ProjectStatus.ACTIVE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def trials_seed(project: Project, inputs: ProjectInputs, fitted: FittedHistory) -> int:
    """The simulation's seed: every input but the promised date.

    The date a project is measured against does not change how long its work takes, so moving
    the promise keeps the same trials: the chance the review page gives a new date is the very
    chance the forecast against that date, once promised, stores (and P50/P85/P95 stay put).
    """
    return int(_digest(_trial_keys(project, inputs, fitted))[:16], 16)


def _fingerprint(project: Project, inputs: ProjectInputs, fitted: FittedHistory) -> str:
    deadline = inputs.deadline
    keys = _trial_keys(project, inputs, fitted)
    keys["deadline"] = deadline.isoformat() if deadline else None
    keys["seed"] = "without-deadline"  # runs seeded before the deadline left the seed differ
    return _digest(keys)


def _digest(keys: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(keys, sort_keys=True).encode()).hexdigest()


def _trial_keys(
    project: Project, inputs: ProjectInputs, fitted: FittedHistory
) -> dict[str, object]:
    keys: dict[str, object] = {
        "remaining": [(t.name, t.estimate_hours, t.estimator) for t in inputs.remaining],
        "history": fitted.digest,
        "start": inputs.start.isoformat(),
        "capacity": str(project.capacity_hours_per_week),
        "calendar": [project.country, project.subdivision],
        "confidence": str(project.confidence_target),
        "trials": TRIALS,
    }
    # Added only where they matter, so projects they do not touch keep their seeds.
    if inputs.mode != "estimates" or project.forecast_mode != "auto":
        keys["mode"] = [project.forecast_mode, inputs.mode]
    if inputs.pace is not None:
        keys["pace"] = [inputs.pace.items.tolist(), inputs.pace.working_days.tolist()]
    if fitted.growth is not None and len(fitted.growth):
        keys["growth"] = fitted.growth_digest
    return keys
