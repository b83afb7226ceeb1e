"""Work items: ``/api/projects/{id}/items`` and ``/api/items/{id}``; removal keeps the row."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from plazo.api.errors import ApiError, refusals_as_api_errors
from plazo.api.lookups import get_item, get_project
from plazo.api.pagination import PageQuery, page_of
from plazo.api.schemas import ErrorOut, ItemIn, ItemOut, ItemPage, ItemPatch
from plazo.api.types import PathId
from plazo.store.models import WorkItem
from plazo.store.services.work import records
from plazo.store.services.work.progress import (
    ItemAdded,
    ItemRemoved,
    ProgressEventError,
    record_progress_event,
)

__all__ = ["router"]

router = Router(tags=["work items"])
ERRORS = {401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut}


@router.get("/projects/{project_id}/items", response={200: ItemPage, **ERRORS})
def list_items(
    request: HttpRequest,
    project_id: PathId,
    page: Query[PageQuery],
    include_removed: bool = False,
) -> dict[str, object]:
    """The project's work items in order; removed ones only when asked."""
    project = get_project(request, project_id)
    items = WorkItem.objects.for_organisation(project.organisation_id).filter(project=project)
    if not include_removed:
        items = items.filter(removed_on__isnull=True)
    return page_of(items.order_by("position", "pk"), page)


@router.post("/projects/{project_id}/items", response={201: ItemOut, **ERRORS})
def create_item(request: HttpRequest, project_id: PathId, body: ItemIn) -> Status[WorkItem]:
    """Add a work item to the project's scope (an ``item_added`` progress event)."""
    event = ItemAdded(
        title=body.title,
        estimate_hours=body.estimate_hours,
        estimator=body.estimator,
        external_id=body.external_id,
        on=body.added_on,
    )
    project = get_project(request, project_id)
    try:
        recorded = record_progress_event(
            project, [event], today=project.client_today(timezone.now())
        )
    except ProgressEventError as error:
        raise ApiError(409, str(error)) from None
    return Status(201, recorded.changes[0].item)


@router.get("/items/{item_id}", response={200: ItemOut, **ERRORS})
def read_item(request: HttpRequest, item_id: PathId) -> WorkItem:
    """One work item."""
    return get_item(request, item_id)


@router.patch("/items/{item_id}", response={200: ItemOut, **ERRORS})
def update_item(request: HttpRequest, item_id: PathId, body: ItemPatch) -> WorkItem:
    """Change the fields the body names."""
    item = get_item(request, item_id)
    with refusals_as_api_errors():
        return records.update_work_item(item, body.model_dump(exclude_unset=True))


@router.delete("/items/{item_id}", response={204: None, **ERRORS})
def remove_item(request: HttpRequest, item_id: PathId) -> Status[None]:
    """Take the item out of scope today; its row stays so burn-up charts show the change."""
    item = get_item(request, item_id)
    try:
        record_progress_event(
            item.project, [ItemRemoved(item.pk)], today=item.project.client_today(timezone.now())
        )
    except ProgressEventError as error:
        raise ApiError(409 if "was removed" in str(error) else 422, str(error)) from None
    return Status(204, None)
