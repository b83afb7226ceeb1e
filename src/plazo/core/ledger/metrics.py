"""The numbers that show whether we keep our word, computed from the ledger's records."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from plazo.core.ledger.records import OfferRecord, OfferState, Outcome, ProjectId, PromiseRecord
from plazo.core.ledger.workdays import weekday_working_days

__all__ = [
    "CompensationTotals",
    "LedgerMetrics",
    "MissedDeadline",
    "UnannouncedSlip",
    "compute_metrics",
    "settled_on",
]

WorkingDays = Callable[[date, date], int]


@dataclass(frozen=True)
class MissedDeadline:
    """A promised date that passed with no word to the client before it."""

    project_id: ProjectId
    client: str
    promised_on: date


@dataclass(frozen=True)
class UnannouncedSlip:
    """A promised date moved later with no notice and no recorded telling: the client still
    counts on ``promised_on``; the ledger holds ``moved_to``, set on ``moved_on``."""

    project_id: ProjectId
    client: str
    promised_on: date
    moved_to: date
    moved_on: date


@dataclass(frozen=True)
class CompensationTotals:
    """Money in one currency: offered (any state), accepted (accepted or applied), applied."""

    offered: Decimal = Decimal(0)
    accepted: Decimal = Decimal(0)
    applied: Decimal = Decimal(0)


@dataclass(frozen=True)
class LedgerMetrics:
    """Every ledger metric for one scope (organisation, client, period); see docs/policy.md."""

    promises_kept: int
    promises_broken: int
    projects: int
    slipped_projects: int
    re_slipped_projects: int
    notice_lead_working_days: tuple[int, ...]
    missed_without_notice: tuple[MissedDeadline, ...]
    compensation: Mapping[str, CompensationTotals] = field(default_factory=dict)
    promises_cancelled: int = 0  # ended with their project's cancellation: not in the rate
    # Later dates set without a notice or a recorded telling (no notice lead: nobody was told)
    slips_without_notice: tuple[UnannouncedSlip, ...] = ()

    @property
    def on_time_rate(self) -> float | None:
        """kept / (kept + broken); None when nothing was resolved yet."""
        resolved = self.promises_kept + self.promises_broken
        return self.promises_kept / resolved if resolved else None

    @property
    def re_slip_rate(self) -> float | None:
        """Share of projects that slipped at least twice (three or more promises)."""
        return self.re_slipped_projects / self.projects if self.projects else None

    @property
    def notice_lead_median_working_days(self) -> float | None:
        """Median working days of warning; negative means the client heard after the deadline."""
        leads = self.notice_lead_working_days
        return float(statistics.median(leads)) if leads else None

    @property
    def notice_lead_mean_working_days(self) -> float | None:
        """Mean working days of warning."""
        leads = self.notice_lead_working_days
        return statistics.fmean(leads) if leads else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (money as strings, dates as ISO)."""
        return {
            "on_time_rate": self.on_time_rate,
            "promises_kept": self.promises_kept,
            "promises_broken": self.promises_broken,
            "promises_cancelled": self.promises_cancelled,
            "projects": self.projects,
            "slipped_projects": self.slipped_projects,
            "re_slipped_projects": self.re_slipped_projects,
            "re_slip_rate": self.re_slip_rate,
            "notice_lead_working_days": {
                "median": self.notice_lead_median_working_days,
                "mean": self.notice_lead_mean_working_days,
                "count": len(self.notice_lead_working_days),
            },
            "missed_without_notice": [
                {
                    "project": m.project_id,
                    "client": m.client,
                    "promised_on": m.promised_on.isoformat(),
                }
                for m in self.missed_without_notice
            ],
            "slips_without_notice": [
                {
                    "project": s.project_id,
                    "client": s.client,
                    "promised_on": s.promised_on.isoformat(),
                    "moved_to": s.moved_to.isoformat(),
                    "moved_on": s.moved_on.isoformat(),
                }
                for s in self.slips_without_notice
            ],
            "compensation": {
                currency: {
                    "offered": str(t.offered),
                    "accepted": str(t.accepted),
                    "applied": str(t.applied),
                }
                for currency, t in sorted(self.compensation.items())
            },
        }


def _in_period(day: date, since: date | None, until: date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def settled_on(promise: PromiseRecord) -> date:
    """The day a promise's outcome was settled: the delivery for a kept one, the promised date
    (which passed undelivered) for a broken one — the earlier of the two either way.

    The on-time rate counts a promise in the period it was settled in, so a project delivered
    early counts when it is delivered, not months later on the date it was promised for; a
    late one counts when its deadline passed, as before.
    """
    delivered = promise.delivered_on
    return promise.promised_on if delivered is None else min(delivered, promise.promised_on)


def _made_on(promise: PromiseRecord) -> date:
    return promise.made_on


def _histories(promises: Iterable[PromiseRecord]) -> dict[ProjectId, list[PromiseRecord]]:
    by_project: dict[ProjectId, list[PromiseRecord]] = defaultdict(list)
    for promise in promises:
        by_project[promise.project_id].append(promise)
    # sort() is stable, so promises made the same day keep the order they were given in.
    for history in by_project.values():
        if len(history) > 1:
            history.sort(key=_made_on)
    return by_project


def _missed_silently(
    promise: PromiseRecord,
    successor: PromiseRecord | None,
    today: date | None,
    delivered_on: date | None = None,
) -> bool:
    """The deadline passed unmet and the client heard nothing on or before it.

    A later date the client was never told of (no notice sent, no telling recorded) is no word
    to them: the deadline it replaced is missed once it passes before the project's delivery
    (``delivered_on``, the project's, whichever promise it settled).
    """
    deadline = promise.promised_on
    delivered_in_time = promise.delivered_on is not None and promise.delivered_on <= deadline
    if delivered_in_time or promise.outcome is Outcome.KEPT:
        return False
    if promise.outcome is Outcome.CANCELLED:  # missed only if its date passed before
        return promise.cancelled_on is not None and promise.cancelled_on > deadline
    if successor is not None:
        if successor.promised_on <= deadline:  # brought forward (or the same): heard when made
            return successor.heard_on > deadline
        told = successor.announced_on
        if told is not None:
            return told > deadline
        if delivered_on is not None:
            return delivered_on > deadline
        return today is not None and deadline < today
    passed = (
        promise.outcome is Outcome.BROKEN
        or promise.delivered_on is not None
        or (today is not None and deadline < today)
    )
    return passed


def compute_metrics(
    promises: Iterable[PromiseRecord],
    offers: Iterable[OfferRecord],
    *,
    calendar_working_days: WorkingDays | None = None,
    since: date | None = None,
    until: date | None = None,
    client: str | None = None,
    today: date | None = None,
) -> LedgerMetrics:
    """Compute the ledger metrics for ``client`` (or everyone) over ``[since, until]``.

    Each metric takes the records whose own date falls in the period:

    1. On time: kept and broken promises settled in the period (:func:`settled_on`: a kept
       one on its delivery, a broken one on its promised date); missed deadlines: promises
       whose promised date is in the period. A promise that ended with its project's
       cancellation is neither (counted apart, on the day of the cancellation), and is missed
       only if its date had passed before the cancellation.
    2. Notice lead time: replacement promises with a later date (slips) the client heard of in
       the period, measured from that day to the deadline they replaced, in working days
       (``calendar_working_days``, default Monday to Friday). A slip is heard of only through
       a notice sent or a telling a person recorded (:attr:`PromiseRecord.announced_on`); one
       with neither (and no notice waiting in the outbox) made in the period is a slip without
       notice, listed apart, and its replaced deadline counts as missed without notice once it
       passes.
    3. Re-slip: projects with a promise made, due or settled in the period; slips (a new promise
       with a later date; one brought forward is none) are counted over the project's history up
       to ``until``.
    4. Compensation: offers made in the period.

    ``today`` lets a pending promise whose date has passed count as missed; without it, only
    deadlines the records show as passed (broken, delivered late, or replaced afterwards) count.
    """
    working_days = calendar_working_days or weekday_working_days
    chosen = promises if client is None else [p for p in promises if p.client == client]
    # The period's bounds as dates (an open end reaches the first or last day there is): the
    # loop below runs once per promise of every scope a page shows, so it compares dates only.
    first = date.min if since is None else since
    last = date.max if until is None else until
    kept = broken = cancelled = projects = slipped = re_slipped = 0
    leads: list[int] = []
    missed: list[MissedDeadline] = []
    unannounced: list[UnannouncedSlip] = []
    for history in _histories(chosen).values():
        project_delivered = history[-1].delivered_on
        touched = False  # a promise of the project was made, is due or was settled in the period
        slips = 0  # promises that moved the date later, made up to ``last``
        replaced: PromiseRecord | None = None  # the promise before this one
        for index, promise in enumerate(history):
            if promise.outcome is Outcome.CANCELLED:
                if first <= (promise.cancelled_on or promise.promised_on) <= last:
                    touched = True
                    cancelled += 1
            elif promise.outcome is not Outcome.PENDING and first <= settled_on(promise) <= last:
                touched = True
                kept += promise.outcome is Outcome.KEPT
                broken += promise.outcome is Outcome.BROKEN
            if first <= promise.promised_on <= last:
                touched = True
                successor = history[index + 1] if index + 1 < len(history) else None
                if _missed_silently(promise, successor, today, project_delivered):
                    missed.append(
                        MissedDeadline(promise.project_id, promise.client, promise.promised_on)
                    )
            elif first <= promise.made_on <= last:
                touched = True
            # Only a later date is a slip: a promise brought forward gave no notice of a delay.
            if replaced is not None and promise.promised_on > replaced.promised_on:
                heard_on = promise.announced_on
                if heard_on is not None:
                    if first <= heard_on <= last:
                        leads.append(working_days(heard_on, replaced.promised_on))
                elif not promise.has_notice and first <= promise.made_on <= last:
                    unannounced.append(
                        UnannouncedSlip(
                            promise.project_id,
                            promise.client,
                            replaced.promised_on,
                            promise.promised_on,
                            promise.made_on,
                        )
                    )
                slips += promise.made_on <= last  # counted over the history up to ``last``
            replaced = promise
        if touched:
            projects += 1
            slipped += slips >= 1
            re_slipped += slips >= 2
    return LedgerMetrics(
        promises_kept=kept,
        promises_broken=broken,
        projects=projects,
        slipped_projects=slipped,
        re_slipped_projects=re_slipped,
        notice_lead_working_days=tuple(leads),
        missed_without_notice=tuple(missed),
        compensation=_compensation(offers, since=since, until=until, client=client),
        promises_cancelled=cancelled,
        slips_without_notice=tuple(unannounced),
    )


def _compensation(
    offers: Iterable[OfferRecord], *, since: date | None, until: date | None, client: str | None
) -> dict[str, CompensationTotals]:
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    for offer in offers:
        if (client is not None and offer.client != client) or not _in_period(
            offer.offered_on, since, until
        ):
            continue
        totals = sums[offer.currency]
        totals[0] += offer.amount
        # An applied offer was accepted first, so it counts in both.
        if offer.state in (OfferState.ACCEPTED, OfferState.APPLIED):
            totals[1] += offer.amount
        if offer.state is OfferState.APPLIED:
            applied = offer.amount if offer.applied_amount is None else offer.applied_amount
            totals[2] += applied
    return {currency: CompensationTotals(*values) for currency, values in sums.items()}
