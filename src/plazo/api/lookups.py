"""Find a row of the caller's organisation by id, or answer 404 (never 403: ids do not leak)."""

from __future__ import annotations

from typing import TypeVar

from django.http import HttpRequest

from plazo.api.auth import organisation_id
from plazo.api.errors import ApiError
from plazo.store.models import Client, Organisation, Project, WorkItem

__all__ = ["get_client", "get_item", "get_organisation", "get_project"]

_T = TypeVar("_T", Client, Project, WorkItem)


def _get(request: HttpRequest, model: type[_T], pk: int) -> _T:
    found = model.objects.for_organisation(organisation_id(request)).filter(pk=pk).first()
    if found is None:
        raise ApiError(404, f"no {model._meta.verbose_name} {pk}")
    return found


def get_client(request: HttpRequest, pk: int) -> Client:
    return _get(request, Client, pk)


def get_project(request: HttpRequest, pk: int) -> Project:
    return _get(request, Project, pk)


def get_item(request: HttpRequest, pk: int) -> WorkItem:
    return _get(request, WorkItem, pk)


def get_organisation(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=organisation_id(request))
