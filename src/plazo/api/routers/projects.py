"""``/api/projects``: projects, their progress events, latest forecast and promise ledger."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from plazo.api.auth import organisation_id
from plazo.api.errors import ApiError, refusals_as_api_errors
from plazo.api.events import events_from_body
from plazo.api.lookups import get_organisation, get_project
from plazo.api.pagination import PageQuery, page_of
from plazo.api.schemas import (
    CommitmentOut,
    ErrorOut,
    EventsIn,
    EventsOut,
    ForecastOut,
    ProjectIn,
    ProjectOut,
    ProjectPage,
    ProjectPatch,
)
from plazo.api.types import PathId
from plazo.store.models import Commitment, Forecast, Project
from plazo.store.services.delivery.deliver import change_project
from plazo.store.services.ledger.records import told_on_subquery
from plazo.store.services.pages.project import health_label
from plazo.store.services.work import records
from plazo.store.services.work.progress import (
    ProgressEventError,
    record_progress_event,
)
from plazo.store.services.work.snapshots import load_project_snapshot

__all__ = ["router"]

router = Router(tags=["projects"])
ERRORS = {401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut}


@router.get("/projects", response={200: ProjectPage, **ERRORS})
def list_projects(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    """The organisation's projects, soonest promise first."""
    projects = Project.objects.for_organisation(organisation_id(request)).order_by(
        "promised_on", "name", "pk"
    )
    return page_of(projects, page)


@router.post("/projects", response={201: ProjectOut, **ERRORS})
def create_project(request: HttpRequest, body: ProjectIn) -> Status[Project]:
    """Create a project; a ``promised_on`` is recorded in the promise ledger.

    A project is not created delivered (``status: delivered`` or a ``delivered_on`` is a 422):
    create it, then ``PATCH`` it to ``delivered``, which settles its promise and tells the client.
    """
    with refusals_as_api_errors():
        project = records.create_project(
            get_organisation(request),
            body.model_dump(),
            now=timezone.now(),
            created_by=request.auth.created_by,  # type: ignore[attr-defined]
        )
    return Status(201, project)


@router.get("/projects/{project_id}", response={200: ProjectOut, **ERRORS})
def read_project(request: HttpRequest, project_id: PathId) -> Project:
    """One project."""
    return get_project(request, project_id)


@router.patch("/projects/{project_id}", response={200: ProjectOut, **ERRORS})
def update_project(request: HttpRequest, project_id: PathId, body: ProjectPatch) -> Project:
    """Change the fields the body names; a new ``promised_on`` goes through the ledger, and
    ``status: delivered`` delivers the project as the dashboard's *Mark delivered* does."""
    project = get_project(request, project_id)
    with refusals_as_api_errors():
        return change_project(project, body.model_dump(exclude_unset=True), now=timezone.now())


@router.delete("/projects/{project_id}", response={204: None, **ERRORS})
def delete_project(request: HttpRequest, project_id: PathId) -> Status[None]:
    """Delete a project and everything recorded about it."""
    records.delete_project(get_project(request, project_id))
    return Status(204, None)


@router.post("/projects/{project_id}/events", response={200: EventsOut, **ERRORS})
def record_events(request: HttpRequest, project_id: PathId, body: EventsIn) -> dict[str, object]:
    """Apply progress events (item added, done, removed, re-estimated) in one transaction."""
    project = get_project(request, project_id)
    try:
        recorded = record_progress_event(
            project, events_from_body(body), today=project.client_today(timezone.now())
        )
    except ProgressEventError as error:
        field = f"body.events.{error.index}"
        raise ApiError(
            422,
            f"event {error.index}: {error}; no event was applied",
            details=[{"field": field, "message": str(error), "type": "invalid"}],
        ) from None
    changes = [{"kind": change.kind, "item": change.item} for change in recorded.changes]
    return {"project_id": project.pk, "changes": changes}


@router.get("/projects/{project_id}/forecast", response={200: ForecastOut, **ERRORS})
def latest_forecast(request: HttpRequest, project_id: PathId) -> Forecast:
    """The project's most recent forecast; 404 when it has never been forecast."""
    project = get_project(request, project_id)
    forecast = (
        Forecast.objects.for_organisation(project.organisation_id)
        .filter(project=project)
        .latest_run()
    )
    if forecast is None:
        raise ApiError(404, f"project {project_id} has no forecast yet")
    snapshot = load_project_snapshot(project)
    today = project.client_today(timezone.now())
    forecast.health, forecast.estimates_short = health_label(snapshot, today=today)  # type: ignore[attr-defined]
    return forecast


@router.get("/projects/{project_id}/commitments", response={200: list[CommitmentOut], **ERRORS})
def commitments(request: HttpRequest, project_id: PathId) -> list[Commitment]:
    """The promise ledger of the project: every date promised, oldest first."""
    project = get_project(request, project_id)
    return list(
        Commitment.objects.for_organisation(project.organisation_id)
        .filter(project=project)
        .annotate(told_on=told_on_subquery())
        .order_by("made_at", "pk")
    )
