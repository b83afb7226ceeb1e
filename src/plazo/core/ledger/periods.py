"""The ledger's periods: calendar buckets over a span, and each bucket's share of the records.

Pure: the ledger page asks for months, quarters or years between two dates and gets, for each,
exactly the records its metrics can see.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from plazo.core.ledger.records import OfferRecord, ProjectId, PromiseRecord

__all__ = ["BucketSize", "bucket_size", "buckets", "split_by_period"]

BucketSize = Literal["month", "quarter", "year"]


def bucket_size(since: date, until: date) -> BucketSize:
    """Months up to two years, quarters up to eight, years beyond: at most 32 columns."""
    months = (until.year - since.year) * 12 + until.month - since.month + 1
    return "month" if months <= 24 else "quarter" if months <= 96 else "year"


def buckets(since: date, until: date, size: BucketSize) -> list[tuple[date, date]]:
    """Calendar months (quarters, years) that meet ``[since, until]``, cut to it."""
    step = {"month": 1, "quarter": 3, "year": 12}[size]
    first_month = since.month - (since.month - 1) % step
    start = date(since.year, first_month, 1)
    spans = []
    while start <= until:
        month = start.month - 1 + step
        following = date(start.year + month // 12, month % 12 + 1, 1)
        spans.append((max(start, since), min(following - timedelta(days=1), until)))
        start = following
    return spans


def split_by_period(
    promises: Sequence[PromiseRecord],
    offers: Sequence[OfferRecord],
    spans: Sequence[tuple[date, date]],
) -> list[tuple[list[PromiseRecord], list[OfferRecord]]]:
    """Each span's share of the records: what its metrics can see, so no span reads them all.

    A project counts in a span only through a promise due, made or heard of in it (see
    ``compute_metrics``), so each span gets the whole history of exactly those projects, and the
    offers made in it. The result is the same as giving every span every record.
    """
    starts = [start for start, _ in spans]

    def span_of(day: date) -> int | None:
        index = bisect_right(starts, day) - 1
        return index if index >= 0 and day <= spans[index][1] else None

    histories: dict[ProjectId, list[PromiseRecord]] = defaultdict(list)
    for promise in promises:
        histories[promise.project_id].append(promise)
    shares: list[tuple[list[PromiseRecord], list[OfferRecord]]] = [([], []) for _ in spans]
    for history in histories.values():
        days = {d for p in history for d in (p.promised_on, p.made_on, p.heard_on)}
        for index in {span_of(day) for day in days}:
            if index is not None:
                shares[index][0].extend(history)
    for offer in offers:
        index = span_of(offer.offered_on)
        if index is not None:
            shares[index][1].append(offer)
    return shares
