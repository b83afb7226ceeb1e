"""The organisation's promise ledger as the core's plain records, in one query each.

The one reading behind ``ledger_metrics`` (the CLI's and the API's) and the dashboard's ledger
page: a commitment's day is the date of ``made_at`` in the client's time zone, or the day a
person told the client of it outside plazo (a ``told`` event: the promise was made then, the day
the one it replaced ends, whenever it was recorded); the client heard on the day (theirs) its
notice was sent, or on that day told; only the current promise carries the project's delivery
date. An offer's day is the client's day it was made.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import OuterRef, Subquery

from plazo.core.calendar import local_day
from plazo.core.ledger import OfferRecord, OfferState, Outcome, PromiseRecord
from plazo.store.models import Commitment, Offer, Organisation, PromiseEvent, PromiseEventKind

__all__ = ["made_on", "offer_records", "promise_records", "told_on_subquery"]


def told_on_subquery() -> Subquery:
    """The day the client was told of a commitment outside plazo (its latest ``told`` event)."""
    told = PromiseEvent.objects.filter(
        commitment_id=OuterRef("pk"), kind=PromiseEventKind.TOLD
    ).order_by("-recorded_at", "-pk")
    return Subquery(told.values("happened_on")[:1])


def made_on(made_at: datetime, time_zone: str, told_on: date | None) -> date:
    """The client's day a promise was made: the day a person told them of it outside plazo,
    else the day it was recorded (the ledger and the project page alike)."""
    return told_on or local_day(made_at, time_zone)


# The stored strings as the core's enums, looked up rather than converted: a ledger page reads
# thousands of rows. A value outside the enum still fails as the enum's own conversion does.
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}
_OFFER_STATES = {state.value: state for state in OfferState}


def promise_records(organisation: Organisation) -> tuple[list[PromiseRecord], dict[int, str]]:
    """Every commitment as the core's record; and the projects' names by id."""
    rows = (
        Commitment.objects.for_organisation(organisation)
        .annotate(told_on=told_on_subquery())
        .order_by("project_id", "made_at", "pk")
        .values_list(
            "pk",
            "project_id",
            "project__name",
            "project__client__name",
            "project__client__time_zone",
            "promised_on",
            "made_at",
            "notice__sent_at",
            "outcome",
            "is_current",
            "project__delivered_on",
            "resolved_on",
            "notice_id",
            "told_on",
        )
    )
    promises, project_names = [], {}
    for (
        pk,
        project_id,
        project,
        client,
        time_zone,
        promised_on,
        made_at,
        sent_at,
        outcome,
        current,
        delivered,
        resolved,
        notice_id,
        told_on,
    ) in rows:
        project_names[project_id] = project
        record_outcome = _OUTCOMES.get(outcome) or Outcome(outcome)
        promises.append(
            PromiseRecord(
                project_id=project_id,
                client=client,
                promised_on=promised_on,
                made_on=made_on(made_at, time_zone, told_on),
                notice_sent_on=local_day(sent_at, time_zone) if sent_at else None,
                outcome=record_outcome,
                delivered_on=delivered if current else None,
                cancelled_on=resolved if record_outcome is Outcome.CANCELLED else None,
                told_on=told_on,
                has_notice=notice_id is not None,
                commitment_id=pk,
            )
        )
    return promises, project_names


def offer_records(organisation: Organisation) -> list[OfferRecord]:
    """Every offer as the core's record."""
    rows = Offer.objects.for_organisation(organisation).values_list(
        "project_id",
        "project__client__name",
        "project__client__time_zone",
        "kind",
        "amount",
        "currency",
        "state",
        "offered_at",
        "applied_amount",
    )
    return [
        OfferRecord(
            project_id=project_id,
            client=client,
            kind=kind,
            amount=amount,
            currency=currency,
            state=_OFFER_STATES.get(state) or OfferState(state),
            offered_on=local_day(offered_at, time_zone),
            applied_amount=applied_amount,
        )
        for (
            project_id,
            client,
            time_zone,
            kind,
            amount,
            currency,
            state,
            offered_at,
            applied_amount,
        ) in rows
    ]
