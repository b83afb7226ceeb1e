"""Field types shared by the schemas: bounded ids, texts without NUL, money and hours."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from ninja.params import functions as params
from pydantic import AfterValidator, Field, StringConstraints

from plazo.store.models import limits

__all__ = [
    "MAX_ID",
    "Country",
    "Currency",
    "Day",
    "Estimator",
    "ExternalId",
    "Fraction",
    "Hours",
    "Id",
    "LongText",
    "Name",
    "PathId",
    "PositiveHours",
    "Subdivision",
    "Text",
    "Tier",
    "TimeZone",
]

MAX_ID = 2**63 - 1  # the largest primary key a 64-bit column holds; larger ids cannot exist


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text; refusing it here keeps both databases alike.
    problem = limits.text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _time_zone(value: str) -> str:
    problem = limits.time_zone_problem(value)
    if problem:
        raise ValueError(problem)
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
Tier = Annotated[str, StringConstraints(max_length=40), AfterValidator(_no_nul)]
Subdivision = Annotated[str, StringConstraints(max_length=10), AfterValidator(_no_nul)]
Estimator = Annotated[str, StringConstraints(max_length=120), AfterValidator(_no_nul)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
# The domain's limits (plazo.store.models.limits), in the schema so clients can read them.
Day = Annotated[date, Field(ge=limits.EARLIEST_DAY, le=limits.LATEST_DAY)]
Hours = Annotated[Decimal, Field(ge=0, le=limits.MAX_ITEM_HOURS, max_digits=8, decimal_places=2)]
PositiveHours = Annotated[
    Decimal, Field(gt=0, le=limits.MAX_ITEM_HOURS, max_digits=8, decimal_places=2)
]
Fraction = Annotated[Decimal, Field(gt=0, lt=1, max_digits=3, decimal_places=2)]
