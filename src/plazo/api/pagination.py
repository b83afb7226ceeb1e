"""Limit/offset pagination: ``?limit=&offset=`` in; items, count, limit and offset out."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from ninja import Schema
from pydantic import Field

__all__ = ["PageQuery", "page_of"]

_M = TypeVar("_M", bound=models.Model)


class PageQuery(Schema):
    """Which slice of a list to return."""

    limit: int = Field(default=50, ge=1, le=200, description="rows per page (1–200)")
    offset: int = Field(default=0, ge=0, le=2**31, description="rows to skip")


def page_of(queryset: models.QuerySet[_M], page: PageQuery) -> dict[str, Any]:
    """One page of ``queryset`` and the total count."""
    return {
        "items": list(queryset[page.offset : page.offset + page.limit]),
        "count": queryset.count(),
        "limit": page.limit,
        "offset": page.offset,
    }
