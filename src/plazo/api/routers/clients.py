"""``/api/clients``: list, create, read, change and delete clients."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from plazo.api.auth import organisation_id
from plazo.api.errors import refusals_as_api_errors
from plazo.api.lookups import get_client, get_organisation
from plazo.api.pagination import PageQuery, page_of
from plazo.api.schemas import ClientIn, ClientOut, ClientPage, ClientPatch, ErrorOut
from plazo.api.types import PathId
from plazo.store.models import Client
from plazo.store.services.work import records

__all__ = ["router"]

router = Router(tags=["clients"])
ERRORS = {401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut}


@router.get("/clients", response={200: ClientPage, **ERRORS}, by_alias=True)
def list_clients(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    """The organisation's clients, by name."""
    clients = Client.objects.for_organisation(organisation_id(request)).order_by("name", "pk")
    return page_of(clients, page)


@router.post("/clients", response={201: ClientOut, **ERRORS}, by_alias=True)
def create_client(request: HttpRequest, body: ClientIn) -> Status[Client]:
    """Create a client."""
    with refusals_as_api_errors():
        client = records.create_client(get_organisation(request), body.model_dump(by_alias=True))
    return Status(201, client)


@router.get("/clients/{client_id}", response={200: ClientOut, **ERRORS}, by_alias=True)
def read_client(request: HttpRequest, client_id: PathId) -> Client:
    """One client."""
    return get_client(request, client_id)


@router.patch("/clients/{client_id}", response={200: ClientOut, **ERRORS}, by_alias=True)
def update_client(request: HttpRequest, client_id: PathId, body: ClientPatch) -> Client:
    """Change the fields the body names."""
    changes = body.model_dump(by_alias=True, exclude_unset=True)
    with refusals_as_api_errors():
        return records.update_client(get_client(request, client_id), changes)


@router.delete("/clients/{client_id}", response={204: None, **ERRORS}, by_alias=True)
def delete_client(request: HttpRequest, client_id: PathId) -> Status[None]:
    """Delete a client, its contacts and its projects."""
    records.delete_client(get_client(request, client_id))
    return Status(204, None)
