"""The REST API: one NinjaAPI with a router per resource, bearer tokens, one error shape."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponseBase, JsonResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI, Router

from plazo import __version__
from plazo.api.auth import TokenAuth
from plazo.api.docs import BundledSwagger, asset_response
from plazo.api.errors import ApiError, error_body, install_error_handlers
from plazo.api.routers import check, clients, items, projects

__all__ = ["api"]


class PlazoAPI(NinjaAPI):
    """NinjaAPI whose 405 answers (a method the path lacks) have plazo's error shape too."""

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _shaped_405(pattern.callback)
        return patterns


def _shaped_405(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        body = error_body(405, f"{request.method} is not allowed here; use {response['Allow']}")
        shaped = JsonResponse(body, status=405)
        shaped["Allow"] = response["Allow"]
        return shaped

    return wrapper


api = PlazoAPI(
    title="plazo",
    version=__version__,
    description="Clients, projects, work items, progress events, forecasts and the promise "
    "ledger of one organisation. Authenticate with 'Authorization: Bearer plz_…' "
    "(create a token in the dashboard's Settings › API tokens, or with 'plazo token create'). "
    "Errors have one shape: "
    '{"error": {"code", "message", "details"}}.',
    auth=TokenAuth(),
    docs=BundledSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/", clients.router)
api.add_router("/", projects.router)
api.add_router("/", items.router)

api.add_router("/", check.router)


@api.get("/docs/assets/{name}", auth=None, include_in_schema=False)
def docs_asset(request: HttpRequest, name: str) -> FileResponse:
    """Swagger UI's own files, from django-ninja's package."""
    return asset_response(name)


fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None, include_in_schema=False
)
def unknown_path(request: HttpRequest, rest: str) -> None:
    """Anything else under /api/ answers 404 in the error shape, not Django's HTML page."""
    raise ApiError(404, f"no endpoint {request.path}; see /api/docs")


api.add_router("/", fallback)  # last, so every real route matches first
