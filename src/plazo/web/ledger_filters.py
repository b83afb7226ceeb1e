"""The ledger page's filters, read from the query string: a client and a period.

Pure: a mapping of strings and today's date in, the dates to show out. Anything not understood
falls back to the default (every client, the last 12 months), so an old bookmark still opens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DEFAULT_PERIOD", "LONGEST_CUSTOM_YEARS", "PERIODS", "LedgerFilter", "read_filter"]

PERIODS = ("this_quarter", "last_quarter", "this_year", "last_12_months", "custom")
DEFAULT_PERIOD = "last_12_months"
LONGEST_CUSTOM_YEARS = 20  # a typo like 0206 must not ask for two thousand years of columns


@dataclass(frozen=True)
class LedgerFilter:
    """The selection: a client (or everyone) and a period ``[since, until]``."""

    client_id: int | None
    period: str
    since: date
    until: date


def _quarter_start(day: date) -> date:
    return date(day.year, day.month - (day.month - 1) % 3, 1)


def _preset(period: str, today: date) -> tuple[date, date]:
    """The dates of a named period; quarters and years are whole calendar ones."""
    if period == "this_quarter":
        start = _quarter_start(today)
        return start, _quarter_start(start + timedelta(days=95)) - timedelta(days=1)
    if period == "last_quarter":
        end = _quarter_start(today) - timedelta(days=1)
        return _quarter_start(end), end
    if period == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    # The last 12 months: this month and the eleven before it, up to today.
    first = today.year * 12 + today.month - 1 - 11
    return date(first // 12, first % 12 + 1, 1), today


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def read_filter(query: Mapping[str, str], *, today: date) -> LedgerFilter:
    """Read ``client``, ``period`` and, for a custom period, ``from`` and ``to`` (ISO dates).

    A custom period needs both dates in order and at most ``LONGEST_CUSTOM_YEARS`` apart;
    otherwise the default period is shown.
    """
    client = query.get("client", "")
    client_id = int(client) if client.isdigit() else None
    period = query.get("period", "")
    if period not in PERIODS:
        period = DEFAULT_PERIOD
    if period == "custom":
        since, until = _day(query.get("from", "")), _day(query.get("to", ""))
        if (
            since is not None
            and until is not None
            and since <= until
            and (until - since).days <= 366 * LONGEST_CUSTOM_YEARS
        ):
            return LedgerFilter(client_id, period, since, until)
        period = DEFAULT_PERIOD
    since, until = _preset(period, today)
    return LedgerFilter(client_id, period, since, until)
