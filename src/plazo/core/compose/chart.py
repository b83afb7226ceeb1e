"""The timeline chart for e-mail: burn-up, scope, forecast fan, promised and stake dates, as PNG.

Drawn with Pillow directly: a matplotlib figure costs tens of milliseconds, this a few.
"""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from plazo.core.chart_labels import MarkerLabel, place_labels, rows_used
from plazo.core.compose.formats import Formats, labels_for
from plazo.core.compose.glyphs import KeepingFont
from plazo.core.compose.inputs import ForecastView, Project

__all__ = ["CHART_HEIGHT_PX", "CHART_WIDTH_PX", "render_timeline_png"]

CHART_WIDTH_PX = 560  # CSS pixels; fits the 600 px column with its padding
CHART_HEIGHT_PX = 280

# A fixed palette keeps the PNG 8-bit: small and quick to encode.
_COLOURS = {
    "background": (255, 255, 255),
    "grid": (229, 231, 235),
    "axis": (107, 114, 128),
    "text": (31, 41, 55),
    "done": (37, 99, 235),
    "scope": (107, 114, 128),
    "fan": (191, 219, 254),
    "p50": (59, 130, 246),
    "promised": (220, 38, 38),
    "stake": (124, 58, 237),
}
_INDEX = {name: i for i, name in enumerate(_COLOURS)}
_PALETTE = [channel for rgb in _COLOURS.values() for channel in rgb]


@dataclass(frozen=True)
class _Frame:
    """Maps dates and amounts to pixels inside the plot area."""

    left: int
    top: int
    right: int
    bottom: int
    first_on: date
    last_on: date
    top_amount: float

    def x(self, day: date) -> float:
        span = max((self.last_on - self.first_on).days, 1)
        return self.left + (self.right - self.left) * (day - self.first_on).days / span

    def y(self, amount: float) -> float:
        return self.bottom - (self.bottom - self.top) * amount / self.top_amount


@lru_cache(maxsize=8)
def _font(size_px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # DejaVu Sans ships inside matplotlib (a dependency) and covers accents and dashes, which
    # Pillow's built-in font does not; it is found without importing matplotlib.
    spec = importlib.util.find_spec("matplotlib")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        if path.exists():
            return KeepingFont(str(path), size_px)
    return ImageFont.load_default(size=size_px)


def _dashed_vertical(
    draw: ImageDraw.ImageDraw, x: float, top: int, bottom: int, colour: int, width: int, dash: int
) -> None:
    for y in range(top, bottom, dash * 2):
        draw.line([(x, y), (x, min(y + dash, bottom))], fill=colour, width=width)


def steps(xs: Sequence[float], ys: Sequence[float]) -> list[tuple[float, float]]:
    """A series counted on days as a polyline that holds each value until the next day and
    changes there. Both burn-up series are drawn so: work done counted on a day is never drawn
    rising before the scope it belongs to (a sloped "done" once crossed a stepped scope)."""
    points: list[tuple[float, float]] = []
    for x, y in zip(xs, ys, strict=True):
        if points:
            points.append((x, points[-1][1]))
        points.append((x, y))
    return points


def _nice_step(top: float) -> float:
    """A round grid step giving three to six lines."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 5:
            return float(step)
    return top / 5


def render_timeline_png(
    project: Project,
    forecast: ForecastView,
    *,
    language: str,
    locale: str | None = None,
    scale: int = 2,
    formal: bool = True,
) -> bytes:
    """The chart as PNG bytes, ``scale`` times 560×280 so it stays sharp on dense screens.

    ``formal`` picks the register of the words addressed to the client ("Su fecha clave" or
    "Tu fecha clave").
    """
    labels = labels_for(language)["chart"]
    fmt = Formats.for_locale(locale or language)
    s = scale
    width, height = CHART_WIDTH_PX * s, CHART_HEIGHT_PX * s
    image = Image.new("P", (width, height), _INDEX["background"])
    image.putpalette(_PALETTE)
    draw = ImageDraw.Draw(image)
    small, tiny = _font(13 * s), _font(11 * s)

    burn = forecast.burn_up
    days = [project.start_on, project.promised_on, forecast.p95_on, *burn.dates]
    if project.stake_on is not None:
        days.append(project.stake_on)
    first_on, last_on = min(days), max(days) + timedelta(days=3)
    top_amount = max([1.0, *burn.scope, *burn.done]) * 1.12
    left, right = 48 * s, width - 14 * s
    span = max((last_on - first_on).days, 1)

    # The date lines' labels go in rows above the plot (never over the forecast band), placed so
    # that no two overlap; the plot starts below the rows they need.
    stake_word = labels["stake"] if formal else labels["stake_informal"]
    markers = [("promised", project.promised_on, labels["promised"])]
    if project.stake_on is not None:
        markers.append(("stake", project.stake_on, stake_word))
    texts = {kind: f"{word} · {fmt.short_date(day)}" for kind, day, word in markers}
    boxes = place_labels(
        [
            MarkerLabel(
                kind,
                left + (right - left) * (day - first_on).days / span,
                draw.textlength(texts[kind], font=tiny),
            )
            for kind, day, _ in markers
        ],
        left=4 * s,
        right=right,  # the plot's edge, as the axis's last date: never against the image's
        pad=4 * s,
        gap=8 * s,
    )
    label_top, row_height = 32 * s, 15 * s
    plot_top = max(62 * s, label_top + rows_used(boxes) * row_height + 8 * s)
    frame = _Frame(left, plot_top, right, height - 24 * s, first_on, last_on, top_amount)

    # 1. Grid and axis labels, so amounts and dates can be read off.
    step = _nice_step(top_amount)
    amount = 0.0
    while amount <= top_amount:
        y = frame.y(amount)
        draw.line([(frame.left, y), (frame.right, y)], fill=_INDEX["grid"], width=s)
        draw.text(
            (frame.left - 4 * s, y),
            f"{amount:g} {labels['unit']}",  # the axis says what it counts: hours
            fill=_INDEX["axis"],
            font=tiny,
            anchor="rm",
        )
        amount += step
    span_days = (last_on - first_on).days
    for i in range(6):
        day = first_on + timedelta(days=round(span_days * i / 5))
        x = frame.x(day)
        draw.line([(x, frame.bottom), (x, frame.bottom + 3 * s)], fill=_INDEX["axis"], width=s)
        anchor = "la" if i == 0 else ("ra" if i == 5 else "ma")
        draw.text(
            (x, frame.bottom + 5 * s),
            fmt.short_date(day),
            fill=_INDEX["axis"],
            font=tiny,
            anchor=anchor,
        )
    draw.line(
        [(frame.left, frame.bottom), (frame.right, frame.bottom)], fill=_INDEX["axis"], width=s
    )

    # 2. The forecast fan from the last known point to P50..P95 at the current scope.
    if burn.dates:
        last_x, last_y = frame.x(burn.dates[-1]), frame.y(burn.done[-1])
        scope_y = frame.y(burn.scope[-1])
        fan = [
            (last_x, last_y),
            (frame.x(forecast.p50_on), scope_y),
            (frame.x(forecast.p95_on), scope_y),
        ]
        draw.polygon(fan, fill=_INDEX["fan"])
        draw.line(
            [(last_x, last_y), (frame.x(forecast.p50_on), scope_y)], fill=_INDEX["p50"], width=s
        )

        # 3. Scope and work done, each as steps at the days they were counted on.
        xs = [frame.x(day) for day in burn.dates]
        scope_points = steps(xs, [frame.y(v) for v in burn.scope])
        scope_points.append((frame.x(forecast.p95_on), scope_points[-1][1]))
        draw.line(scope_points, fill=_INDEX["scope"], width=2 * s)
        done_points = steps(xs, [frame.y(v) for v in burn.done])
        draw.line(done_points, fill=_INDEX["done"], width=3 * s, joint="curve")

    # 4. The promise and the client's own date: lines through the plot, labels above it.
    for (colour, day, _), box in zip(markers, boxes, strict=True):
        _dashed_vertical(draw, frame.x(day), frame.top, frame.bottom, _INDEX[colour], 2 * s, 4 * s)
        draw.text(
            (box.text_x, label_top + box.row * row_height),
            texts[colour],
            fill=_INDEX[colour],
            font=tiny,
            anchor="la" if box.anchor == "start" else "ra",
        )

    # 5. The legend, one row across the top.
    x = frame.left
    legend = [("done", labels["done"]), ("scope", labels["scope"]), ("fan", labels["forecast"])]
    for colour, label in legend:
        draw.rectangle([(x, 14 * s), (x + 14 * s, 22 * s)], fill=_INDEX[colour])
        draw.text((x + 18 * s, 18 * s), label, fill=_INDEX["text"], font=small, anchor="lm")
        x += int(26 * s + draw.textlength(label, font=small))

    out = io.BytesIO()
    # Level 3 encodes in about half the time of the default 6 for ~30 % more bytes (7 KB rather
    # than 6 KB): the better trade when a worker draws ten thousand charts a week.
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()
