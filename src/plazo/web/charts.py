"""Geometry of the burn-up timeline chart, as plain numbers the SVG template draws.

Pure: dates and hours in, coordinates out; no Django, no clock. The template owns the words (so
they are translated) and the markup (so everything is escaped).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from plazo.core.chart_labels import MarkerLabel, place_labels, rows_used
from plazo.core.scope import ScopeItem, done_hours, scope_hours

__all__ = [
    "PHONE_WIDTH",
    "WIDTH",
    "Marker",
    "Tick",
    "TimelineChart",
    "TimelineInput",
    "timeline_chart",
]

WIDTH, HEIGHT = 720, 300
# A phone draws its own, narrower chart: shrinking the wide one would shrink its words to 5 px,
# and enlarging them with CSS would make them overlap (they are laid out for 11 px).
PHONE_WIDTH = 380
LEFT, RIGHT, TOP, BOTTOM = 60.0, 16.0, 16.0, 36.0  # margins for the axis labels
LABEL_ROW_HEIGHT = 14.0  # one row of date-line labels above the plot (11 px text)
LABEL_CHAR_WIDTH = 6.8  # a generous average width of an 11 px sans-serif character
_ROUND_STEPS = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 8.0, 10.0)


@dataclass(frozen=True)
class TimelineInput:
    """A project's items, its dates and its latest forecast (finish percentiles)."""

    start_on: date
    today: date
    items: Sequence[ScopeItem]
    promised_on: date | None = None
    stake_on: date | None = None
    finish_p50_on: date | None = None
    finish_p85_on: date | None = None
    finish_p95_on: date | None = None


@dataclass(frozen=True)
class Marker:
    """A vertical line at a date: ``kind`` is today, promised or stake.

    Its label (``label``, the words the template passed in) sits above the plot at
    (``label_x``, ``label_y``) with SVG text-anchor ``anchor``, placed by
    :func:`plazo.core.chart_labels.place_labels` so that no two labels overlap.
    """

    kind: str
    day: date
    x: float
    anchor: str = "start"
    label: str = ""
    label_x: float = 0.0
    label_y: float = 0.0


@dataclass(frozen=True)
class Tick:
    """An axis label at a position (``value`` is a date on x, hours on y)."""

    position: float
    value: date | float


@dataclass(frozen=True)
class TimelineChart:
    """Everything the SVG template draws; point lists are SVG ``points`` strings."""

    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    done_points: str
    scope_points: str
    fan_points: str  # empty without a forecast
    p85_line: tuple[float, float, float, float] | None
    markers: tuple[Marker, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    done_hours: float
    scope_hours: float
    item_count: int = 0  # the project's items, in scope or not: none means nothing to draw

    @property
    def scope_whole_hours(self) -> int:
        """The scope in whole hours, as the description says it (and agrees with it)."""
        return round(self.scope_hours)


def timeline_chart(
    data: TimelineInput, marker_labels: Mapping[str, str] | None = None, *, width: int = WIDTH
) -> TimelineChart:
    """Lay out the burn-up chart: done and scope steps up to today, the forecast fan after it.

    ``marker_labels`` are the words for the date lines (today, promised, stake), already
    translated; their rows above the plot make room for them, so they never cover the forecast.
    ``width`` is the drawing's width in its own units (11 of them make the text's height); a
    narrow one (a phone's) gets three dates on its axis instead of five.
    """
    words = marker_labels or {}
    first = data.start_on
    last = max(
        d
        for d in (
            data.today,
            data.promised_on,
            data.stake_on,
            data.finish_p95_on,
            data.finish_p85_on,
            data.finish_p50_on,
        )
        if d is not None
    )
    last = max(last, first + timedelta(days=7))
    days = (last - first).days * 1.05  # a little room after the last date
    done_steps = _done_steps(data)
    scope_steps = _scope_steps(data)
    done_now = done_steps[-1][1]
    scope_now = scope_steps[-1][1]
    peak = max([h for _, h in scope_steps] + [done_now, 1.0])
    y_top = _nice_ceiling(peak)
    right, bottom = width - RIGHT, HEIGHT - BOTTOM

    def x(day: date) -> float:
        return round(LEFT + (day - first).days / days * (right - LEFT), 1)

    lines = [
        (kind, day)
        for kind, day in (
            ("today", data.today),
            ("promised", data.promised_on),
            ("stake", data.stake_on),
        )
        if day is not None
    ]
    boxes = place_labels(
        [
            MarkerLabel(kind, x(day), len(words.get(kind, kind)) * LABEL_CHAR_WIDTH)
            for kind, day in lines
        ],
        left=4.0,
        right=width - RIGHT,  # the plot's edge: a label never runs to the frame's
    )
    top = TOP + rows_used(boxes) * LABEL_ROW_HEIGHT

    def y(hours: float) -> float:
        return round(bottom - hours / y_top * (bottom - top), 1)

    fan, p85_line = "", None
    if data.finish_p50_on and data.finish_p95_on:
        corners = [
            (data.today, done_now),
            (data.finish_p50_on, scope_now),
            (data.finish_p95_on, scope_now),
        ]
        fan = " ".join(f"{x(d)},{y(h)}" for d, h in corners)
    if data.finish_p85_on:
        p85_line = (x(data.today), y(done_now), x(data.finish_p85_on), y(scope_now))
    markers = [
        Marker(
            kind,
            day,
            x(day),
            box.anchor,
            words.get(kind, kind),
            round(box.text_x, 1),
            # Row 0 sits just above the plot, further rows above it (baselines).
            round(top - 4.0 - box.row * LABEL_ROW_HEIGHT, 1),
        )
        for (kind, day), box in zip(lines, boxes, strict=True)
    ]
    step = y_top / 4
    span = (last - first).days
    gaps = 4 if width >= WIDTH else 2
    tick_days = [first + timedelta(days=round(i * span / gaps)) for i in range(gaps + 1)]
    return TimelineChart(
        width=width,
        height=HEIGHT,
        left=LEFT,
        top=top,
        right=right,
        bottom=bottom,
        done_points=_points(done_steps, x, y),
        scope_points=_points(scope_steps, x, y),
        fan_points=fan,
        p85_line=p85_line,
        markers=tuple(markers),
        x_ticks=tuple(Tick(x(day), day) for day in tick_days),
        y_ticks=tuple(Tick(y(i * step), i * step) for i in range(5)),
        done_hours=done_now,
        scope_hours=scope_now,
        item_count=len(data.items),
    )


def _done_steps(data: TimelineInput) -> list[tuple[date, float]]:
    """Delivered hours (``plazo.core.scope.done_by``), a step on each day it changes."""
    return _steps(data, done_hours)


def _scope_steps(data: TimelineInput) -> list[tuple[date, float]]:
    """Estimated hours in scope over time, a step on each day it changes."""
    return _steps(data, scope_hours)


def _change_days(data: TimelineInput) -> list[date]:
    """Every day up to today on which done or scope can change: an item's addition, completion
    or removal (from the start on).

    Both lines are evaluated on the same days. Done depends on the addition day too: an item
    finished before it entered the plan (an import, a completion typed in with an earlier day)
    counts as done from the day it entered the scope, the day the scope line rises, never
    later and never before.
    """
    days = {
        max(day, data.start_on)
        for item in data.items
        for day in (item.added_on, item.completed_on, item.removed_on)
        if day is not None
    }
    return sorted(day for day in days if day <= data.today)


def _steps(
    data: TimelineInput, hours_on: Callable[[Sequence[ScopeItem], date], float]
) -> list[tuple[date, float]]:
    """``hours_on`` as a step line from the start to today, changing only on the items' days."""
    steps = [(data.start_on, 0.0)]
    for day in _change_days(data):
        hours = hours_on(data.items, day)
        if hours != steps[-1][1]:
            steps += [(day, steps[-1][1]), (day, hours)]
    return [*steps, (data.today, steps[-1][1])]


def _points(
    steps: list[tuple[date, float]], x: Callable[[date], float], y: Callable[[float], float]
) -> str:
    return " ".join(f"{x(d)},{y(h)}" for d, h in steps)


def _nice_ceiling(value: float) -> float:
    """Four equal round steps (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 or 8 × 10ⁿ) that reach ``value``."""
    raw = value / 4
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(f * magnitude for f in _ROUND_STEPS if f * magnitude >= raw)
    return max(step, 1.0) * 4  # whole hours on the axis, even for a tiny project
