"""The promise-ledger metrics of an organisation, computed by the core from the stored history,
and the events of its promises (cancelled, taken up again) that the metrics do not show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plazo.core.ledger import LedgerMetrics, compute_metrics
from plazo.store.models import Organisation, PromiseEvent, PromiseEventKind
from plazo.store.services.ledger.records import offer_records, promise_records

__all__ = ["LedgerEvent", "ledger_events", "ledger_metrics"]


def ledger_metrics(
    organisation: Organisation,
    *,
    today: date,
    client: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> LedgerMetrics:
    """On-time rate, re-slips, notice lead time, silent misses and compensation, in two queries."""
    promises, _ = promise_records(organisation)
    offers = offer_records(organisation)
    return compute_metrics(promises, offers, since=since, until=until, client=client, today=today)


@dataclass(frozen=True)
class LedgerEvent:
    """A promise's project was cancelled or taken up again on ``on`` (the client's day)."""

    project: str
    client: str
    promised_on: date
    event: str  # "cancelled" or "reopened"
    on: date

    def to_dict(self) -> dict[str, str]:
        """As ``plazo ledger --json`` prints it."""
        return {
            "project": self.project,
            "client": self.client,
            "promised_on": self.promised_on.isoformat(),
            "event": self.event,
            "on": self.on.isoformat(),
        }


def ledger_events(
    organisation: Organisation,
    *,
    client: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[LedgerEvent]:
    """The cancellations and reopenings of ``[since, until]`` (either end open), oldest first,
    in one query."""
    events = PromiseEvent.objects.for_organisation(organisation).filter(
        kind__in=(PromiseEventKind.CANCELLED, PromiseEventKind.REOPENED)
    )
    if client is not None:
        events = events.filter(commitment__project__client__name=client)
    if since is not None:
        events = events.filter(happened_on__gte=since)
    if until is not None:
        events = events.filter(happened_on__lte=until)
    rows = events.order_by("happened_on", "recorded_at", "pk").values_list(
        "commitment__project__name",
        "commitment__project__client__name",
        "commitment__promised_on",
        "kind",
        "happened_on",
    )
    return [LedgerEvent(*row) for row in rows]
