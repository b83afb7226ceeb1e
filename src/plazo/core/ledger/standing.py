"""Where each promise of a project stands, as the client sees it: pending, replaced, kept, broken,
or cancelled (the project was cancelled before it was delivered).

A replaced promise is neither kept nor broken: it ended the day the client heard of the new date,
with some working days' notice before it was due (the ledger's notice lead time). Its stored
outcome stays ``pending`` forever, which is why no page may show that outcome on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from plazo.core.ledger.records import Outcome, PromiseRecord
from plazo.core.ledger.workdays import weekday_working_days

__all__ = ["PromiseStanding", "Standing", "promise_standings"]


class Standing(StrEnum):
    """The one word a page shows for a promise."""

    PENDING = "pending"  # the current promise, not due yet
    OVERDUE = "overdue"  # the current promise, its date passed without delivery
    REPLACED = "replaced"
    KEPT = "kept"
    BROKEN = "broken"
    CANCELLED = "cancelled"  # the project was cancelled: the promise ended undelivered


@dataclass(frozen=True)
class PromiseStanding:
    """One promise and how it ended (or that it has not).

    For a replaced promise, ``replaced_on`` is the day the client heard of the new date,
    ``replaced_by`` that new date and ``notice_working_days`` the working days from then to the
    replaced date (zero: told on the day; negative: told after it had passed). A promise
    ``brought_forward`` was replaced by an earlier date: no slip, and no notice of one.

    How the client heard of a later date (``told``): ``notice`` (the notice went out),
    ``outside`` (a person recorded telling them outside plazo), ``notice_waiting`` (the notice
    is written but has not gone out: ``replaced_on`` is the day the date was set, and no notice
    is counted yet) or ``not_told`` (the date was moved with neither: the client still counts on
    this promise). Empty for a promise not replaced, or brought forward.
    """

    record: PromiseRecord
    standing: Standing
    current: bool
    replaced_on: date | None = None
    replaced_by: date | None = None
    notice_working_days: int | None = None
    brought_forward: bool = False
    told: str = ""


def _told(slip: PromiseRecord) -> str:
    """How the client heard of the later date ``slip`` set (see :class:`PromiseStanding`)."""
    if slip.notice_sent_on is not None:
        return "notice"
    if slip.told_on is not None:
        return "outside"
    return "notice_waiting" if slip.has_notice else "not_told"


def promise_standings(
    history: Sequence[PromiseRecord],
    *,
    today: date,
    working_days: Callable[[date, date], int] = weekday_working_days,
) -> list[PromiseStanding]:
    """Each promise of one project's ``history`` (oldest first) with its standing.

    ``working_days`` counts the notice the same way the ledger's metrics do (Monday to Friday,
    unless a calendar with holidays is given).
    """
    standings = []
    for index, record in enumerate(history):
        following = history[index + 1] if index + 1 < len(history) else None
        if following is not None:
            forward = following.promised_on <= record.promised_on
            heard = following.heard_on if forward else following.announced_on
            standings.append(
                PromiseStanding(
                    record,
                    Standing.REPLACED,
                    current=False,
                    replaced_on=heard or following.made_on,
                    replaced_by=following.promised_on,
                    notice_working_days=(
                        None if heard is None else working_days(heard, record.promised_on)
                    ),
                    brought_forward=following.promised_on < record.promised_on,
                    told="" if forward else _told(following),
                )
            )
        elif record.outcome is Outcome.KEPT:
            standings.append(PromiseStanding(record, Standing.KEPT, current=True))
        elif record.outcome is Outcome.BROKEN:
            standings.append(PromiseStanding(record, Standing.BROKEN, current=True))
        elif record.outcome is Outcome.CANCELLED:
            standings.append(PromiseStanding(record, Standing.CANCELLED, current=True))
        else:
            late = record.promised_on < today
            standing = Standing.OVERDUE if late else Standing.PENDING
            standings.append(PromiseStanding(record, standing, current=True))
    return standings
