"""What the promise ledger remembers, as plain values the metrics can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

__all__ = ["OfferRecord", "OfferState", "Outcome", "ProjectId", "PromiseRecord"]

ProjectId = str | int


class Outcome(StrEnum):
    """How a promise ended: pending until delivery (or forever, if superseded); kept or broken
    on delivery; cancelled when the project was, undelivered (neither kept nor broken)."""

    PENDING = "pending"
    KEPT = "kept"
    BROKEN = "broken"
    CANCELLED = "cancelled"


class OfferState(StrEnum):
    """An offer's life-cycle: offered, then accepted or declined; accepted ones get applied."""

    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    APPLIED = "applied"


@dataclass(frozen=True)
class PromiseRecord:
    """One date promised to a client.

    A project's promises, ordered by ``made_on`` (ties keep their given order), form its history:
    each one after the first replaced the one before it. ``notice_sent_on`` is the day the notice
    announcing this promise went out; ``told_on`` the day a person recorded telling the client
    outside plazo (a call, a meeting, their own e-mail); ``has_notice`` says a notice was written
    for it (sent or still in the outbox). A first promise, or one brought forward, is taken to be
    heard on ``made_on`` without either; a later date (a slip) is heard only through a notice
    sent or a recorded telling (:attr:`announced_on`): a date moved later with neither was never
    announced, and the ledger says so. A cancelled project's current promise ends ``cancelled``
    on ``cancelled_on``.
    """

    project_id: ProjectId
    client: str
    promised_on: date
    made_on: date
    notice_sent_on: date | None = None
    outcome: Outcome = Outcome.PENDING
    delivered_on: date | None = None
    cancelled_on: date | None = None  # the day the project was cancelled (outcome cancelled)
    told_on: date | None = None  # the client was told outside plazo, on this day (theirs)
    has_notice: bool = False  # a delay notice announces it (``notice_sent_on`` once it went out)
    # Which stored promise this is, for a page that lists what else happened to it; no part of
    # the ledger's arithmetic.
    commitment_id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # Accept the plain strings the database stores ("kept") as well as the enum (a ledger
        # reads thousands of records per page: an enum given is kept as it is).
        if type(self.outcome) is not Outcome:
            object.__setattr__(self, "outcome", Outcome(self.outcome))

    @property
    def heard_on(self) -> date:
        """The day the client learnt of this promise (a first date or one brought forward:
        the day it was made, unless a notice or a telling says otherwise)."""
        return self.notice_sent_on or self.told_on or self.made_on

    @property
    def announced_on(self) -> date | None:
        """The day the client heard of this date through a notice sent or a recorded telling;
        None when neither happened (yet): what a slip needs to count as notice given."""
        return self.notice_sent_on or self.told_on


@dataclass(frozen=True)
class OfferRecord:
    """One compensation offer and where it is in its life-cycle."""

    project_id: ProjectId
    client: str
    kind: str
    amount: Decimal
    currency: str
    state: OfferState
    offered_on: date
    applied_amount: Decimal | None = None

    def __post_init__(self) -> None:
        if type(self.state) is not OfferState:
            object.__setattr__(self, "state", OfferState(self.state))
        object.__setattr__(self, "currency", self.currency.upper())
