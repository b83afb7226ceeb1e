"""The plain values a message is composed from; the application fills them from its models."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from plazo.core.health import Health
from plazo.core.policy.model import Cause, OfferKind

__all__ = [
    "BurnUp",
    "Cause",
    "Client",
    "Contact",
    "DateSupport",
    "DelayCase",
    "ForecastBasis",
    "ForecastView",
    "Offer",
    "OfferKind",
    "Organisation",
    "Project",
    "Register",
    "Updates",
]


class Register(StrEnum):
    """How formally we speak to a client: usted / formal English, tú / casual English, or vos.

    ``VOS`` is informal Spanish with voseo (Argentina, Uruguay, Paraguay, Central America:
    "tenés", "respondé"); pronouns and the subjunctive are those of tú ("te", "tu", "puedas").
    English has no voseo: a vos client reads casual English.
    """

    FORMAL = "formal"
    INFORMAL = "informal"
    VOS = "vos"


@dataclass(frozen=True)
class Organisation:
    """Who sends: an agency or a freelancer."""

    name: str
    language: str
    currency: str
    country: str
    sender_name: str
    sender_email: str


@dataclass(frozen=True)
class Client:
    """Who receives, and how they like to be spoken to."""

    name: str
    language: str
    register: Register | str = Register.FORMAL
    time_zone: str = "UTC"
    locale: str | None = None  # e.g. "en_GB"; defaults to the language's own CLDR locale

    def __post_init__(self) -> None:
        object.__setattr__(self, "register", Register(self.register))


@dataclass(frozen=True)
class Contact:
    """One person at the client who gets the messages, and how to greet them.

    ``first_name`` defaults to the first word of ``name``; ``salutation`` is the formal address
    with title and surname ("Sra. Gómez", "Mr Hughes"), and formal messages fall back to the
    first name without one (never the full name: "Hola, Mateo Ruiz:" reads like a form letter).
    """

    name: str
    email: str
    first_name: str = ""
    salutation: str = ""

    @property
    def informal_name(self) -> str:
        """How a tú / casual message greets them: their first name."""
        words = self.name.split()
        return self.first_name.strip() or (words[0] if words else "")

    @property
    def formal_name(self) -> str:
        """How a usted / formal message greets them: title and surname, else the first name."""
        return self.salutation.strip() or self.informal_name


@dataclass(frozen=True)
class Project:
    """The work promised, the promise, and what the client counts on it for."""

    key: str  # stable id: threads the mailbox and names the calendar event (UID)
    name: str
    owner_name: str
    owner_email: str
    start_on: date
    promised_on: date
    stake: str  # what the client counts on it for, as a phrase: "su junta anual de accionistas"
    stake_on: date | None
    value: Decimal
    currency: str


@dataclass(frozen=True)
class BurnUp:
    """Work done and total scope on each date (same unit for both, e.g. hours or points)."""

    dates: tuple[date, ...]
    done: tuple[float, ...]
    scope: tuple[float, ...]

    def __post_init__(self) -> None:
        if not len(self.dates) == len(self.done) == len(self.scope):
            raise ValueError("burn-up dates, done and scope must have the same length")


@dataclass(frozen=True)
class ForecastBasis:
    """What a forecast stands on, for the owner: work, unestimated items, growth, pace, model."""

    model: str
    remaining_hours: float
    remaining_items: int
    unestimated_items: int
    history_size: int
    capacity_hours_per_week: float | None = None
    growth_rate: float | None = None  # work added per unit of known work; None: not measured


@dataclass(frozen=True)
class ForecastView:
    """The current forecast as a client sees it; the fan runs from today to P50..P95."""

    p50_on: date
    p85_on: date
    p95_on: date
    p_on_time: float
    health: Health | str
    percent_complete: float
    burn_up: BurnUp = field(default_factory=lambda: BurnUp((), (), ()))
    basis: ForecastBasis | None = None  # the owner alert states it; clients never see it
    # A draft delay notice, not the forecast, keeps the update from saying "on track": the
    # update says the promised date is under review (plazo.core.health.promise_under_review).
    under_review: bool = False
    # No task done yet and the estimates miss the promise (plazo.core.health.estimates_do_not_fit):
    # the update says the estimates do not fit, never "at the current pace".
    estimates_short: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "health", Health(self.health))
        if not self.p50_on <= self.p85_on <= self.p95_on:
            raise ValueError("forecast percentiles must be ordered: P50 <= P85 <= P95")


class DateSupport(StrEnum):
    """What the forecast says of a new promised date, for a re-slip notice's "why this date"."""

    # The forecast's chance of the date reaches the project's confidence target: the notice may
    # say the date was worked out from the real pace, and give the chance.
    FORECAST = "forecast"
    # The forecast gives the date less than the confidence target (the owner picked an earlier
    # date): the notice must not claim the pace supports it.
    BELOW_TARGET = "below_target"
    # No forecast priced the date: nothing to say of its basis either.
    NO_FORECAST = "no_forecast"

    @classmethod
    def of(cls, chance: float | None, confidence_target: float) -> DateSupport:
        """What the forecast's ``chance`` of a date (None: not priced) says of it, against the
        project's ``confidence_target``."""
        if chance is None:
            return cls.NO_FORECAST
        return cls.BELOW_TARGET if chance < confidence_target else cls.FORECAST


@dataclass(frozen=True)
class DelayCase:
    """Why the promise moves, to when, and how the project gets back on track."""

    new_on: date | None
    cause: str
    identified: str
    prevention: str
    recovery_steps: tuple[str, ...]
    previous_promised_on: date
    # What can still be delivered before the client's stake when the new date misses it, as a
    # noun phrase ("la portada y el registro de inversores"); optional.
    ready_for_stake: str = ""
    # False when the policy offers nothing for this delay (a short slip told early, the client's
    # own delay, force majeure): the notice may then go without an offer; the apology is enough.
    offer_due: bool = True
    # Whose doing the delay is (the policy's cause). A change of scope the client asked for is
    # told as what changed at their request and what it adds, not as a fault of ours.
    cause_kind: Cause | str = Cause.OURS
    # Every date promised before ``previous_promised_on``, oldest first (the ledger's history).
    # Not empty: this is a re-slip, and the notice says it is the second (third…) change of
    # date, names the original promise and says what is different this time.
    earlier_promised_on: tuple[date, ...] = ()
    # What the forecast says of ``new_on``. Only a date it supports (FORECAST: at least the
    # project's confidence target) is told to the client as worked out from the real pace.
    new_on_support: DateSupport | str = DateSupport.NO_FORECAST
    # The forecast's chance of meeting ``new_on``: given exactly when ``new_on_support`` is
    # FORECAST, and a re-slip notice gives it as why this date will hold.
    new_on_chance: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "cause_kind", Cause(self.cause_kind))
        object.__setattr__(self, "new_on_support", DateSupport(self.new_on_support))
        if (self.new_on_chance is not None) != (self.new_on_support is DateSupport.FORECAST):
            raise ValueError("new_on_chance is given exactly when the forecast supports new_on")

    @property
    def tells_date_basis(self) -> bool:
        """A re-slip notice says where its new date comes from: only when the forecast supports
        it, never for a date the forecast gives less than the confidence target."""
        return bool(self.earlier_promised_on) and self.new_on_support is DateSupport.FORECAST

    @property
    def requested_change(self) -> bool:
        """The client asked for the change that moves the date (more or different work)."""
        return self.cause_kind is Cause.SCOPE_CHANGE

    @property
    def date_change(self) -> int:
        """Which change of the promised date this notice tells: 1 for the first slip, 2 for a
        re-slip, and so on."""
        return len(self.earlier_promised_on) + 1

    @property
    def first_promised_on(self) -> date:
        """The date promised originally."""
        earlier = self.earlier_promised_on
        return earlier[0] if earlier else self.previous_promised_on


@dataclass(frozen=True)
class Offer:
    """Compensation for the trouble: a discount, a credit on a future project, or a free extra."""

    kind: OfferKind | str
    amount: Decimal
    currency: str
    description: str = ""  # words added after the sentence; for an extra, what it is
    percent: Decimal | None = None  # a discount's share of the project's value, when it is clean

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", OfferKind(self.kind))


@dataclass(frozen=True)
class Updates:
    """What was done since the last update and what comes next (one short line each).

    ``since_start``: there was no update before this one, so ``done`` is everything finished so
    far (a first update must not say "nothing finished" about work done before last week).
    ``done_more`` and ``next_more`` count the items left out of each list ("and 3 more tasks").
    """

    done: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    since_start: bool = False
    done_more: int = 0
    next_more: int = 0
