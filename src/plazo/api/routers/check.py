"""``POST /api/check``: the message checker (DESIGN §5) over HTTP."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router
from pydantic import Field

from plazo.api.errors import ApiError
from plazo.api.schemas import ErrorOut, Input
from plazo.core.check import CheckError, check

__all__ = ["router"]

router = Router(tags=["checker"])


class CheckIn(Input):
    text: str = Field(max_length=100_000, description="the delay message to check")
    lang: Literal["auto", "es", "en"] = "auto"


@router.post("/check", response={200: dict[str, Any], 401: ErrorOut, 413: ErrorOut, 422: ErrorOut})
def check_message(request: HttpRequest, body: CheckIn) -> dict[str, Any]:
    """Which of the seven elements the message has, with evidence, and its warnings."""
    try:
        report = check(body.text, lang=body.lang)
    except CheckError as error:
        raise ApiError(422, str(error)) from None
    result: dict[str, Any] = report.to_dict()
    return result
