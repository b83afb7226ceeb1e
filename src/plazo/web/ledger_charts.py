"""Geometry of the ledger page's charts: columns per month, bars per client, as plain numbers.

Like the timeline (``plazo.web.charts``), the functions here only place shapes; the templates own
the words (translated) and the markup (escaped), and every chart has a data table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from plazo.store.services.pages.ledger import Bucket, LedgerPage
from plazo.web.charts import Tick, _nice_ceiling

__all__ = [
    "BarChart",
    "BarRow",
    "BucketChart",
    "Column",
    "ColumnChart",
    "CurrencyChart",
    "LedgerCharts",
    "Rect",
    "bar_chart",
    "column_chart",
    "ledger_charts",
]

WIDTH = 720
COLUMN_HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 56.0, 12.0, 14.0, 40.0  # room for the value axis and the month names
BAR_LEFT, BAR_ROW, BAR_THICKNESS = 200.0, 26.0, 16.0  # room for client names; one row per client
MOST_CLIENTS = 20  # the chart compares the busiest; the table lists every client


@dataclass(frozen=True)
class Rect:
    """A column of one series; ``value`` is what it stands for."""

    series: int
    x: float
    y: float
    width: float
    height: float
    value: float


@dataclass(frozen=True)
class Column:
    """One group of columns (a month), centred at ``x``; series without a value have no rect."""

    x: float
    rects: tuple[Rect, ...]
    missing: bool  # no series has a value: the template marks the gap


@dataclass(frozen=True)
class ColumnChart:
    """Grouped columns over a value axis from 0 to ``y_max``."""

    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    y_max: float
    columns: tuple[Column, ...]
    y_ticks: tuple[Tick, ...]


@dataclass(frozen=True)
class BarRow:
    """One horizontal bar: its label, top edge, length and value."""

    label: str
    y: float
    width: float
    value: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars from ``left`` to ``right`` (0 to ``x_max``), one row each."""

    width: int
    height: int
    left: float
    right: float
    thickness: float
    x_max: float
    rows: tuple[BarRow, ...]
    x_ticks: tuple[Tick, ...]


def column_chart(
    groups: Sequence[Sequence[float | None]], *, y_max: float | None = None
) -> ColumnChart:
    """Lay out one group of columns per entry of ``groups`` (one value per series).

    ``y_max`` fixes the axis (1.0 for rates); otherwise it is a round number above the largest
    value.
    """
    peak = max((v for group in groups for v in group if v is not None), default=0.0)
    top_value = y_max if y_max is not None else _nice_ceiling(max(peak, 1.0))
    right, bottom = WIDTH - RIGHT, COLUMN_HEIGHT - BOTTOM
    slot = (right - LEFT) / max(len(groups), 1)
    series = max((len(group) for group in groups), default=1)
    bar = min(slot * 0.7 / series, 36.0)

    def y(value: float) -> float:
        return round(bottom - value / top_value * (bottom - TOP), 1)

    columns = []
    for index, group in enumerate(groups):
        centre = LEFT + slot * (index + 0.5)
        first = centre - bar * len(group) / 2
        rects = tuple(
            Rect(
                series=s,
                x=round(first + s * bar, 1),
                y=y(value),
                width=round(bar - 1, 1),
                height=round(bottom - y(value), 1),
                value=value,
            )
            for s, value in enumerate(group)
            if value is not None
        )
        columns.append(Column(x=round(centre, 1), rects=rects, missing=not rects))
    step = top_value / 4
    return ColumnChart(
        width=WIDTH,
        height=COLUMN_HEIGHT,
        left=LEFT,
        top=TOP,
        right=right,
        bottom=bottom,
        y_max=top_value,
        columns=tuple(columns),
        y_ticks=tuple(Tick(y(i * step), i * step) for i in range(5)),
    )


def bar_chart(values: Sequence[tuple[str, float]], *, x_max: float = 1.0) -> BarChart:
    """Lay out one horizontal bar per (label, value), on an axis from 0 to ``x_max``."""
    right = WIDTH - RIGHT - 40  # room for the value after the longest bar
    length = right - BAR_LEFT
    rows = tuple(
        BarRow(
            label=label,
            y=round(TOP + i * BAR_ROW, 1),
            width=round(value / x_max * length, 1),
            value=value,
        )
        for i, (label, value) in enumerate(values)
    )
    return BarChart(
        width=WIDTH,
        height=round(TOP + len(values) * BAR_ROW + 24),
        left=BAR_LEFT,
        right=right,
        thickness=BAR_THICKNESS,
        x_max=x_max,
        rows=rows,
        x_ticks=tuple(Tick(round(BAR_LEFT + i / 4 * length, 1), i / 4 * x_max) for i in range(5)),
    )


@dataclass(frozen=True)
class BucketChart:
    """A column chart with each column's month (quarter, year) beside it."""

    chart: ColumnChart
    columns: tuple[tuple[Bucket, Column], ...]


def _by_bucket(chart: ColumnChart, buckets: Sequence[Bucket]) -> BucketChart:
    return BucketChart(chart, tuple(zip(buckets, chart.columns, strict=True)))


@dataclass(frozen=True)
class CurrencyChart:
    """Compensation in one currency per month: offered (series 0) and accepted (series 1)."""

    currency: str
    chart: BucketChart
    rows: tuple[tuple[Bucket, Decimal, Decimal], ...]  # each month: offered, accepted


@dataclass(frozen=True)
class LedgerCharts:
    """The page's three charts and the rows they were drawn from."""

    on_time: BucketChart
    client_bars: BarChart
    compensation: tuple[CurrencyChart, ...]


def ledger_charts(page: LedgerPage) -> LedgerCharts:
    """On-time rate per month, on-time rate per client (the busiest), compensation per month."""
    on_time = column_chart([[b.scope.metrics.on_time_rate] for b in page.buckets], y_max=1.0)
    compared = sorted(
        (c for c in page.per_client if c.scope.metrics.on_time_rate is not None),
        key=lambda c: -c.scope.resolved,
    )[:MOST_CLIENTS]
    compared.sort(key=lambda c: c.name.casefold())
    bars = bar_chart([(c.name, c.scope.metrics.on_time_rate or 0.0) for c in compared])
    return LedgerCharts(
        on_time=_by_bucket(on_time, page.buckets),
        client_bars=bars,
        compensation=tuple(
            _compensation(currency, page.buckets) for currency in sorted(page.total.offer_counts)
        ),
    )


def _compensation(currency: str, buckets: Sequence[Bucket]) -> CurrencyChart:
    totals = [b.scope.metrics.compensation.get(currency) for b in buckets]
    offered = tuple(t.offered if t else Decimal(0) for t in totals)
    accepted = tuple(t.accepted if t else Decimal(0) for t in totals)
    chart = column_chart([[float(o), float(a)] for o, a in zip(offered, accepted, strict=True)])
    rows = tuple(zip(buckets, offered, accepted, strict=True))
    return CurrencyChart(currency, _by_bucket(chart, buckets), rows)
