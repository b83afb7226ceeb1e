"""The ledger page's numbers: the core's ledger metrics for a period, per client and per month.

Every rate, lead time, silent miss and money total comes from ``plazo.core.ledger.compute_metrics``
(definitions in docs/policy.md), fed the same records as ``ledger_metrics``. This module only adds
what the page needs around them: the slices (each client, each month or quarter) and the counts a
reader checks a number against (promises made, offers by state).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator

from plazo.core.ledger import (
    CompensationTotals,
    LedgerMetrics,
    MissedDeadline,
    OfferRecord,
    OfferState,
    ProjectId,
    PromiseRecord,
    PromiseStanding,
    UnannouncedSlip,
    compute_metrics,
    periods,
    promise_standings,
)
from plazo.core.ledger.periods import BucketSize, bucket_size, split_by_period
from plazo.store.models import Client, Organisation, PromiseEvent
from plazo.store.services.ledger.records import offer_records, promise_records
from plazo.store.services.pages.project import events_to_list

__all__ = [
    "PROMISES_PER_PAGE",
    "Bucket",
    "ClientLedger",
    "LedgerPage",
    "LedgerScope",
    "OfferCounts",
    "ledger_page",
]

PROMISES_PER_PAGE = 100  # the period's promises, newest first, a page at a time


@dataclass(frozen=True)
class OfferCounts:
    """How many offers (in one currency) were made, accepted (or applied) and applied."""

    offered: int = 0
    accepted: int = 0
    applied: int = 0


@dataclass(frozen=True)
class LedgerScope:
    """The core's metrics for one scope, with the counts that let a reader check them."""

    metrics: LedgerMetrics
    promises_made: int
    offer_counts: Mapping[str, OfferCounts]

    @property
    def resolved(self) -> int:
        """Promises due in the period that were kept or broken (the on-time rate's denominator)."""
        return self.metrics.promises_kept + self.metrics.promises_broken

    @property
    def compensation(self) -> tuple[tuple[str, CompensationTotals, OfferCounts], ...]:
        """Per currency, the core's money totals beside the number of offers behind each."""
        return tuple(
            (currency, totals, self.offer_counts.get(currency, OfferCounts()))
            for currency, totals in sorted(self.metrics.compensation.items())
        )

    @property
    def is_empty(self) -> bool:
        """Nothing in the period: no promise made or due, no notice heard, no offer made."""
        # A kept, broken or silently missed promise is due in the period, so counts in projects.
        m = self.metrics
        return not (
            self.promises_made
            or m.projects
            or m.notice_lead_working_days
            or m.slips_without_notice
            or self.offer_counts
        )


@dataclass(frozen=True)
class ClientLedger:
    """One client's row of the per-client table."""

    client_id: int
    name: str
    scope: LedgerScope


@dataclass(frozen=True)
class Bucket:
    """One month, quarter or year of the period (cut to the period at both ends)."""

    start: date
    end: date
    scope: LedgerScope


@dataclass(frozen=True)
class LedgerPage:
    """Everything the ledger page shows for one selection."""

    since: date
    until: date
    client_id: int | None  # None: every client
    client_name: str
    clients: tuple[tuple[int, str], ...]  # every client, for the filter
    total: LedgerScope
    per_client: tuple[ClientLedger, ...]  # clients with something in the period, by name
    bucket_size: BucketSize
    buckets: tuple[Bucket, ...]
    project_names: Mapping[int, str]
    promises: tuple[tuple[PromiseStanding, str], ...] = ()  # this page's, with project names
    promises_in_period: int = 0
    promise_page: Page[Any] | None = None  # which page of the period's promises is listed
    # Each listed promise's cancellations and reopenings to show, as the project page shows them
    promise_events: tuple[tuple[PromiseEvent, ...], ...] = ()

    @property
    def promise_rows(self) -> tuple[tuple[PromiseStanding, str, tuple[PromiseEvent, ...]], ...]:
        """This page's promises: standing, project name and the events to list."""
        events = self.promise_events or ((),) * len(self.promises)
        return tuple(
            (standing, name, history)
            for (standing, name), history in zip(self.promises, events, strict=True)
        )

    @property
    def unannounced(self) -> tuple[tuple[UnannouncedSlip, str], ...]:
        """The selection's later dates nobody told the client of, each with its project's name."""
        return tuple(
            (s, self.project_names.get(int(s.project_id), ""))
            for s in self.total.metrics.slips_without_notice
        )

    @property
    def missed(self) -> tuple[tuple[MissedDeadline, str], ...]:
        """The selection's silent misses, each with its project's name."""
        return tuple(
            (m, self.project_names.get(int(m.project_id), ""))
            for m in self.total.metrics.missed_without_notice
        )


def ledger_page(
    organisation: Organisation,
    *,
    since: date,
    until: date,
    today: date,
    client_id: int | None = None,
    page_number: int | str | None = 1,
) -> LedgerPage:
    """The ledger page of ``organisation`` over ``[since, until]``, in four queries (the
    fourth: the cancellations and reopenings of the listed promises).

    The period's promises are listed newest first, ``PROMISES_PER_PAGE`` at a time: page
    ``page_number`` (Django's ``Paginator.get_page``: a number out of range is the last page,
    anything else the first).

    1. Read every client, every commitment and every offer of the organisation once.
    2. Compute the headline over the selection (one client, or everyone).
    3. Compute each client's row from that client's records only, so the work grows with the
       ledger, not with clients × ledger.
    4. Compute each month (quarter or year for long periods) as a period of its own.
    """
    clients = tuple(
        Client.objects.for_organisation(organisation)
        .order_by("name", "pk")
        .values_list("pk", "name")
    )
    names = dict(clients)
    promises, project_names = promise_records(organisation)
    offers = offer_records(organisation)
    chosen = names.get(client_id) if client_id is not None else None
    if client_id is not None and chosen is None:
        promises, offers = [], []  # not this organisation's client: show nothing, not everything
    elif chosen is not None:
        promises = [p for p in promises if p.client == chosen]
        offers = [o for o in offers if o.client == chosen]

    def scope(
        ps: Sequence[PromiseRecord], os: Sequence[OfferRecord], a: date, b: date
    ) -> LedgerScope:
        return _scope(ps, os, since=a, until=b, today=today)

    by_client_promises: dict[str, list[PromiseRecord]] = defaultdict(list)
    for p in promises:
        by_client_promises[p.client].append(p)
    by_client_offers: dict[str, list[OfferRecord]] = defaultdict(list)
    for o in offers:
        by_client_offers[o.client].append(o)
    per_client = []
    for pk, name in clients:
        if name in by_client_promises or name in by_client_offers:
            row = scope(by_client_promises[name], by_client_offers[name], since, until)
            if not row.is_empty:
                per_client.append(ClientLedger(pk, name, row))
    listed, promise_page = _standings_in_period(
        promises, since=since, until=until, today=today, page_number=page_number
    )
    size = bucket_size(since, until)
    spans = periods.buckets(since, until, size)
    buckets = tuple(
        Bucket(start, end, scope(ps, os, start, end))
        for (start, end), (ps, os) in zip(
            spans, split_by_period(promises, offers, spans), strict=True
        )
    )
    return LedgerPage(
        since=since,
        until=until,
        client_id=client_id if chosen is not None else None,
        client_name=chosen or "",
        clients=clients,
        total=scope(promises, offers, since, until),
        per_client=tuple(per_client),
        bucket_size=size,
        buckets=buckets,
        project_names=project_names,
        promises=tuple((s, project_names.get(int(s.record.project_id), "")) for s in listed),
        promises_in_period=promise_page.paginator.count,
        promise_page=promise_page,
        promise_events=_listed_events(organisation, listed),
    )


def _standings_in_period(
    promises: Sequence[PromiseRecord],
    *,
    since: date,
    until: date,
    today: date,
    page_number: int | str | None,
) -> tuple[list[PromiseStanding], Page[Any]]:
    """One page of the promises made or due in ``[since, until]``, newest first, with their
    standings; and the page (whose paginator counts the period's promises).

    Only the promises shown get a standing: the period can hold thousands, a page lists 100.
    """
    histories: dict[ProjectId, list[PromiseRecord]] = defaultdict(list)
    for promise in promises:
        histories[promise.project_id].append(promise)
    in_period = [
        (record, index)
        for history in histories.values()
        for index, record in enumerate(history)
        if since <= record.made_on <= until or since <= record.promised_on <= until
    ]
    # sorted() is stable: promises with the same dates keep their order, as before the cut.
    newest = sorted(in_period, key=lambda ri: (ri[0].made_on, ri[0].promised_on), reverse=True)
    page = Paginator(newest, PROMISES_PER_PAGE).get_page(page_number)
    standings: dict[ProjectId, list[PromiseStanding]] = {}
    listed = []
    for record, index in page.object_list:
        if record.project_id not in standings:
            standings[record.project_id] = promise_standings(
                histories[record.project_id], today=today
            )
        listed.append(standings[record.project_id][index])
    return listed, page


def _listed_events(
    organisation: Organisation, listed: Sequence[PromiseStanding]
) -> tuple[tuple[PromiseEvent, ...], ...]:
    """The events to list beside each of the ``listed`` promises, in one query."""
    ids = [s.record.commitment_id for s in listed if s.record.commitment_id is not None]
    if not ids:
        return ((),) * len(listed)
    found: dict[int, list[PromiseEvent]] = defaultdict(list)
    for event in PromiseEvent.objects.for_organisation(organisation).filter(commitment_id__in=ids):
        found[event.commitment_id].append(event)
    return tuple(events_to_list(tuple(found.get(s.record.commitment_id or 0, ()))) for s in listed)


def _scope(
    promises: Sequence[PromiseRecord],
    offers: Sequence[OfferRecord],
    *,
    since: date,
    until: date,
    today: date,
) -> LedgerScope:
    """The core's metrics over ``[since, until]``, plus the counts behind the page's numbers.

    *Promises made* counts the promises whose ``made_on`` is in the period (first dates and
    replacements alike). The offer counts take the offers the core's compensation totals take
    (offered in the period), by currency: every one, the accepted or applied ones, the applied ones.
    """
    metrics = compute_metrics(promises, offers, since=since, until=until, today=today)
    made = sum(1 for p in promises if since <= p.made_on <= until)
    return LedgerScope(
        metrics, made, _offer_counts(o for o in offers if since <= o.offered_on <= until)
    )


def _offer_counts(offers: Iterable[OfferRecord]) -> dict[str, OfferCounts]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for offer in offers:
        tally = counts[offer.currency]
        tally[0] += 1
        tally[1] += offer.state in (OfferState.ACCEPTED, OfferState.APPLIED)
        tally[2] += offer.state is OfferState.APPLIED
    return {currency: OfferCounts(*tally) for currency, tally in sorted(counts.items())}
