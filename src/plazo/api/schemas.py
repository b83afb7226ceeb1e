"""Request and response bodies: inputs refuse unknown fields; PATCH changes only what it names."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from plazo.api.types import (
    Country,
    Currency,
    Day,
    Estimator,
    ExternalId,
    Fraction,
    Hours,
    Id,
    LongText,
    Name,
    PositiveHours,
    Subdivision,
    Text,
    Tier,
    TimeZone,
)
from plazo.store.models import limits

__all__ = [
    "ClientIn", "ClientOut", "ClientPage", "ClientPatch", "CommitmentOut", "ErrorOut",
    "EventsIn", "EventsOut", "ForecastOut", "ItemIn", "ItemOut", "ItemPage", "ItemPatch",
    "ProjectIn", "ProjectOut", "ProjectPage", "ProjectPatch",
]  # fmt: skip

LanguageCode = Literal["es", "en"]
RegisterName = Literal["formal", "informal", "vos"]
ProjectStatusName = Literal["active", "paused", "delivered", "cancelled"]
ItemStatusName = Literal["todo", "doing", "done"]
Capacity = Annotated[
    Decimal,
    Field(
        ge=limits.MIN_CAPACITY_HOURS_PER_WEEK,
        le=limits.MAX_CAPACITY_HOURS_PER_WEEK,
        max_digits=7,
        decimal_places=2,
    ),
]
Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Weekday = Annotated[int, Field(ge=0, le=6)]
Hour = Annotated[int, Field(ge=0, le=23)]
Owner = Annotated[str, Field(max_length=254, pattern=r"^[^@\s\x00]+@[^@\s\x00]+$")]


def unset(**field: Any) -> Any:
    """A PATCH field: absent means "leave it", and null is refused unless the type allows it."""
    return Field(default=None, **field)


class Input(Schema):
    """Base of request bodies: an unknown field is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class ErrorBody(Schema):
    code: str
    message: str
    details: list[dict[str, Any]]


class ErrorOut(Schema):
    error: ErrorBody


# "register" is also a method of pydantic's metaclass, so the client's register field is
# ``register_`` in Python and "register" on the wire (dump and answer with by_alias=True).


class ClientIn(Input):
    name: Name
    language: LanguageCode | None = None
    register_: RegisterName = Field(default="formal", alias="register")
    time_zone: TimeZone | None = None
    country: Country | Literal[""] = ""
    tier: Tier = "standard"
    notes: LongText = ""
    external_id: ExternalId = ""


class ClientPatch(Input):
    name: Name = unset()
    language: LanguageCode = unset()
    register_: RegisterName = unset(alias="register")
    time_zone: TimeZone = unset()
    country: Country | Literal[""] = unset()
    tier: Tier = unset()
    notes: LongText = unset()
    external_id: ExternalId = unset()


class ClientOut(Schema):
    id: int
    name: str
    language: str
    register_: str = Field(alias="register")
    time_zone: str
    country: str
    tier: str
    notes: str
    external_id: str
    created_at: datetime


class ProjectIn(Input):
    client_id: Id
    name: Name
    start_on: Day
    promised_on: Day | None = None
    status: ProjectStatusName = Field(
        default="active",
        description="'delivered' is refused (422): create the project, then PATCH its status to "
        "'delivered', which settles its promise in the ledger and tells the client",
    )
    delivered_on: Day | None = Field(
        default=None, description="Must be left out or null: a project is delivered by a PATCH"
    )
    stake: Text = ""
    stake_on: Day | None = None
    capacity_hours_per_week: Capacity = Decimal(30)
    value: Money = Decimal(0)
    currency: Currency | None = None
    country: Country | None = None
    subdivision: Subdivision = ""
    checkin_weekday: Weekday = 0
    checkin_hour: Hour = 9
    confidence_target: Fraction = Decimal("0.85")
    risk_threshold: Fraction = Decimal("0.70")
    external_id: ExternalId = ""
    owner: Owner | None = Field(
        default=None,
        description="E-mail of the member who owns it; default: the token's user, else the "
        "organisation's owner",
    )


class ProjectPatch(Input):
    client_id: Id = unset()
    name: Name = unset()
    start_on: Day = unset()
    promised_on: Day = unset(
        description="A new promise, recorded in the ledger. An earlier date is recorded as it "
        "is; a later one is a delay the client must hear of: refused (422, type "
        "'slip_needs_notice') unless promise_told_on and promise_reason say when and why the "
        "client was told outside plazo (else open a delay case on the dashboard: its notice "
        "moves the promise when approved)"
    )
    promise_reason: Text = unset(
        description="Why the promised date changed (required with promise_told_on)"
    )
    promise_told_on: Day = unset(
        description="The day (the client's) you told the client of a later promised_on "
        "yourself, outside plazo; the ledger counts it as notice given on that day"
    )
    status: ProjectStatusName = unset(
        description="'delivered' delivers the project: its promise is settled in the ledger "
        "and the client's delivered note queued; a delivered project stays delivered"
    )
    delivered_on: Day | None = unset(
        description="The day it was delivered (default the client's today); delivers it"
    )
    stake: Text = unset()
    stake_on: Day | None = unset()
    capacity_hours_per_week: Capacity = unset()
    value: Money = unset()
    currency: Currency = unset()
    country: Country = unset()
    subdivision: Subdivision = unset()
    checkin_weekday: Weekday = unset()
    checkin_hour: Hour = unset()
    confidence_target: Fraction = unset()
    risk_threshold: Fraction = unset()
    external_id: ExternalId = unset()
    owner: Owner = unset(description="E-mail of the member who owns it")


class ProjectOut(Schema):
    id: int
    client_id: int
    name: str
    status: str
    start_on: date
    promised_on: date | None
    delivered_on: date | None
    stake: str
    stake_on: date | None
    capacity_hours_per_week: Decimal
    value: Decimal
    currency: str
    country: str
    subdivision: str
    checkin_weekday: int
    checkin_hour: int
    confidence_target: Decimal
    risk_threshold: Decimal
    external_id: str
    owner: str | None = Field(description="E-mail of the member who owns it")
    created_at: datetime

    @staticmethod
    def resolve_owner(project: Any) -> str | None:
        owner = getattr(project, "owner", None)
        return owner.email if owner is not None else None


class ItemIn(Input):
    title: Text = Field(min_length=1)
    estimate_hours: PositiveHours | None = None
    estimator: Estimator = ""
    external_id: ExternalId = ""
    added_on: Day | None = None


class ItemPatch(Input):
    title: Text = unset(min_length=1)
    estimate_hours: PositiveHours | None = unset()
    estimator: Estimator = unset()
    status: ItemStatusName = unset()
    started_on: Day | None = unset()
    completed_on: Day | None = unset()
    actual_hours: Hours | None = unset()
    external_id: ExternalId = unset()


class ItemOut(Schema):
    id: int
    project_id: int
    title: str
    status: str
    estimate_hours: Decimal | None
    actual_hours: Decimal | None
    estimator: str
    added_on: date
    removed_on: date | None
    started_on: date | None
    completed_on: date | None
    position: int
    external_id: str


class ItemAddedIn(Input):
    kind: Literal["item_added"]
    title: Text = Field(min_length=1)
    estimate_hours: PositiveHours | None = None
    estimator: Estimator = ""
    external_id: ExternalId = ""
    on: Day | None = None


class ItemDoneIn(Input):
    kind: Literal["item_done"]
    item_id: Id
    on: Day | None = None
    actual_hours: Hours | None = None


class ItemRemovedIn(Input):
    kind: Literal["item_removed"]
    item_id: Id
    on: Day | None = None


class ItemReestimatedIn(Input):
    kind: Literal["item_reestimated"]
    item_id: Id
    estimate_hours: PositiveHours


Event = Annotated[
    ItemAddedIn | ItemDoneIn | ItemRemovedIn | ItemReestimatedIn, Field(discriminator="kind")
]


class EventsIn(Input):
    events: list[Event] = Field(min_length=1, max_length=500)


class ChangeOut(Schema):
    kind: str
    item: ItemOut


class EventsOut(Schema):
    project_id: int
    changes: list[ChangeOut]


class ForecastOut(Schema):
    id: int
    project_id: int
    created_at: datetime
    model: str
    trials: int
    history_size: int
    remaining_hours: float
    effort_p50_hours: float
    effort_p85_hours: float
    effort_p95_hours: float
    finish_p50_on: date | None
    finish_p85_on: date | None
    finish_p95_on: date | None
    p_on_time: float | None
    recommended_on: date | None
    confidence_target: float
    reason: str
    health: str = Field(
        "",
        description="The project's health now, as the dashboard says it: on_track, at_risk, late, "
        "or no_forecast (this forecast no longer says anything: the work is done, the project "
        "ended, or it has no promise)",
    )
    estimates_short: bool = Field(
        False,
        description="At risk from the start: no task done yet, and the estimates at the planned "
        "capacity miss the promise (health is then at_risk, never late: there is no pace yet)",
    )


class CommitmentOut(Schema):
    id: int
    promised_on: date
    made_at: datetime
    made_to: str
    reason: str
    is_current: bool
    outcome: str
    resolved_on: date | None
    superseded_by_id: int | None
    told_on: date | None = Field(
        None,
        description="The day (the client's) a person recorded telling the client of this date "
        "outside plazo (PATCH with promise_told_on); null when it was not told so",
    )


class _Page(Schema):
    count: int
    limit: int
    offset: int


class ClientPage(_Page):
    items: list[ClientOut]


class ProjectPage(_Page):
    items: list[ProjectOut]


class ItemPage(_Page):
    items: list[ItemOut]
