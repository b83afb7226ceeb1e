"""A delay case opened by a person: the owner knows of a delay before the forecast does."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from plazo.core.errors import PlazoError
from plazo.store.models import (
    OPEN_CASE_STATES,
    DelayCase,
    DelayCaseState,
    DelayTrigger,
    Project,
    ProjectStatus,
)
from plazo.store.services.forecasting.run import OrganisationHistories, reforecast_project
from plazo.store.services.webhooks.events import emit_case_opened
from plazo.store.services.work.snapshots import load_project_snapshot

__all__ = ["CaseNotOpened", "open_case_by_hand", "propose_later_date"]


class CaseNotOpened(PlazoError):
    """The project cannot have a delay case now (no promise, not active)."""


def open_case_by_hand(project: Project, *, now: datetime) -> DelayCase:
    """Open a draft case (trigger "person") on the current forecast, or return the open one.

    1. The project must be active and have a promise: a case is about moving a promise.
    2. Re-forecast first, so the case starts from today's numbers.
    3. The recommended date is the forecast's when it falls after the promise. When the forecast
       still expects to keep the promise, it supports no later date, so none is recommended: the
       owner knows of the delay, and picks the date (the first working day after the promise,
       recommended before, was a guess that could land on the client's stake).
    """
    project = Project.objects.select_related("client", "organisation").get(pk=project.pk)
    if project.status != ProjectStatus.ACTIVE or project.promised_on is None:
        raise CaseNotOpened(f"{project.name} has no active promise to move")
    existing = DelayCase.objects.filter(project=project, state__in=OPEN_CASE_STATES).first()
    if existing is not None:
        return existing
    today = now.astimezone(ZoneInfo(project.client.time_zone)).date()
    snapshot = load_project_snapshot(project)
    forecast = reforecast_project(
        snapshot, today=today, now=now, histories=OrganisationHistories()
    ).forecast
    recommended = forecast.recommended_on if forecast is not None else None
    if recommended is not None and recommended <= project.promised_on:
        recommended = None
    with transaction.atomic():
        if DelayCase.objects.filter(project=project, state__in=OPEN_CASE_STATES).exists():
            return DelayCase.objects.get(project=project, state__in=OPEN_CASE_STATES)
        case = DelayCase.objects.create(
            organisation_id=project.organisation_id,
            project=project,
            trigger=DelayTrigger.PERSON,
            opened_at=now,
            previous_promised_on=project.promised_on,
            recommended_on=recommended,
            forecast=forecast,
        )
        emit_case_opened(case, now=now)
    return case


def propose_later_date(
    project: Project, new_on: date, *, now: datetime, cause: str = ""
) -> DelayCase:
    """A person wants the promise later than it is: the delay case's draft notice, with
    ``new_on`` as its chosen date (and ``cause``, the reason they gave, as its cause when it has
    none yet); the promise itself stays until the notice is approved.

    The draft open for the project is reused (its chosen date replaced), else one is opened
    (:func:`open_case_by_hand`). A case already approved has its notice on the way, with its
    own date: :class:`CaseNotOpened` (send that one first, then move the date again).
    """
    if project.promised_on is not None and new_on <= project.promised_on:
        raise CaseNotOpened(f"{new_on} is not later than the promise ({project.promised_on})")
    case = open_case_by_hand(project, now=now)
    with transaction.atomic():
        case = DelayCase.objects.select_for_update().get(pk=case.pk)
        if case.state != DelayCaseState.DRAFT:
            raise CaseNotOpened(
                f"the delay notice for {project.name} is approved and on its way to the client "
                f"with its own date; once it is sent, move the date again",
                code="notice_on_its_way",
            )
        case.chosen_on = new_on
        fields = ["chosen_on"]
        if cause.strip() and not case.cause.strip():
            case.cause = cause.strip()
            fields.append("cause")
        case.save(update_fields=fields)
    return case
