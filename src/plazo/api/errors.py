"""One error body for every failure: ``{"error": {"code", "message", "details"}}``."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError

from plazo.core.ledger import PromiseInPastError
from plazo.store.services.work.records import Conflict, InvalidField

if TYPE_CHECKING:
    from ninja import NinjaAPI

__all__ = ["ApiError", "error_body", "install_error_handlers", "refusals_as_api_errors"]

logger = logging.getLogger("plazo.api")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    422: "invalid",
    429: "too_many_requests",
}


class ApiError(Exception):
    """An answer other than success, raised by endpoints and turned into the error body."""

    def __init__(
        self, status: int, message: str, *, details: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or []


@contextmanager
def refusals_as_api_errors() -> Iterator[None]:
    """Answer a use case's refusal: an invalid field is 422 (with the field), a clash is 409."""
    try:
        yield
    except InvalidField as error:
        kind = "invalid" if error.code == "refused" else error.code
        detail = {"field": f"body.{error.field}", "message": error.message, "type": kind}
        raise ApiError(422, str(error), details=[detail]) from None
    except PromiseInPastError as error:  # the ledger's rule: nobody can keep a past date
        detail = {"field": "body.promised_on", "message": str(error), "type": "promise_in_past"}
        raise ApiError(422, f"promised_on: {error}", details=[detail]) from None
    except Conflict as error:
        raise ApiError(409, str(error)) from None


def error_body(
    status: int, message: str, details: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The error body every endpoint answers with."""
    code = _CODES.get(status, "server_error" if status >= 500 else "error")
    return {"error": {"code": code, "message": message, "details": details or []}}


def _validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def where(loc: tuple[Any, ...] | list[Any]) -> str:
        parts = [str(part) for part in loc]
        if parts[:2] == ["body", "body"]:  # source, then the parameter name every endpoint uses
            del parts[1]
        return ".".join(parts)

    return [
        {
            "field": where(error.get("loc", ())),
            "message": str(error.get("msg", "")),
            "type": str(error.get("type", "")),
        }
        for error in errors
    ]


def install_error_handlers(api: NinjaAPI) -> None:
    """Register the handlers that give every failure the same shape."""

    def answer(
        request: HttpRequest, status: int, message: str, details: Any = None
    ) -> HttpResponse:
        response = api.create_response(request, error_body(status, message, details), status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="plazo"'
        return response

    def on_api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return answer(request, exc.status, exc.message, exc.details)

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        details = _validation_details(exc.errors)
        return answer(request, 422, "the request does not fit the schema; see details", details)

    def on_authentication(request: HttpRequest, exc: Any) -> HttpResponse:
        return answer(
            request,
            401,
            "a live API token is required: send 'Authorization: Bearer plz_…' "
            "(an owner creates one in the dashboard's Settings › API tokens, "
            "or with 'plazo token create')",
        )

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        message = "the body is not valid JSON" if exc.status_code == 400 else str(exc)
        return answer(request, exc.status_code, message)

    def on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return answer(request, 404, "not found")

    def on_too_big(request: HttpRequest, exc: Any) -> HttpResponse:
        return answer(request, 413, "the request body is too large")

    def on_integrity(request: HttpRequest, exc: Any) -> HttpResponse:
        # A race past the service's own checks (two creates of one name at once) lands here.
        return answer(request, 409, "the change conflicts with existing data; reload and retry")

    def on_unexpected(request: HttpRequest, exc: Any) -> HttpResponse:
        logger.exception("unexpected error in %s %s", request.method, request.path)
        return answer(request, 500, "an unexpected error happened; it has been logged")

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
    api.add_exception_handler(IntegrityError, on_integrity)
    api.add_exception_handler(Exception, on_unexpected)
