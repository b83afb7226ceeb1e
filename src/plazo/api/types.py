"""Field types shared by the schemas: bounded ids, texts without NUL, money and hours."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from ninja.params import functions as params
from pydantic import AfterValidator, Field, StringConstraints

from plazo.store.services.importing.fields import known_time_zones

__all__ = [
    "MAX_ID",
    "Country",
    "Currency",
    "ExternalId",
    "Fraction",
    "Hours",
    "Id",
    "LongText",
    "Name",
    "PathId",
    "PositiveHours",
    "Text",
    "TimeZone",
]

MAX_ID = 2**63 - 1  # the largest primary key a 64-bit column holds; larger ids cannot exist


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text; refusing it here keeps both databases alike.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _time_zone(value: str) -> str:
    if value not in known_time_zones():
        raise ValueError("must be a time zone such as Europe/Madrid")
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, params.Path(ge=1, le=MAX_ID)]
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_no_nul),
]
Text = Annotated[str, StringConstraints(max_length=300), AfterValidator(_no_nul)]
LongText = Annotated[str, StringConstraints(max_length=10_000), AfterValidator(_no_nul)]
ExternalId = Annotated[str, StringConstraints(max_length=200), AfterValidator(_no_nul)]
TimeZone = Annotated[str, StringConstraints(max_length=64), AfterValidator(_time_zone)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Hours = Annotated[Decimal, Field(ge=0, max_digits=8, decimal_places=2)]
PositiveHours = Annotated[Decimal, Field(gt=0, max_digits=8, decimal_places=2)]
Fraction = Annotated[Decimal, Field(gt=0, lt=1, max_digits=3, decimal_places=2)]
