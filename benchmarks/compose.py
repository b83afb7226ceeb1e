"""How fast plazo composes weekly updates with their charts, and where the time goes.

Run: .venv/bin/python benchmarks/compose.py [--count 1000]
(The product composes in worker processes, a batch of check-ins each; this times one process.)
Prints JSON; each figure is the best of three runs. The machine is shared (2 cores), so numbers
move by ±20 % between runs.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar, cast

from plazo.core.compose import (
    BurnUp,
    Client,
    Contact,
    ForecastView,
    Message,
    Organisation,
    Project,
    Updates,
    compose_weekly_update,
    render,
    weekly_update,
)

SENT_AT = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class WeeklyUpdateInput:
    """Everything one weekly update is composed from."""

    organisation: Organisation
    client: Client
    contacts: tuple[Contact, ...]
    project: Project
    forecast: ForecastView
    updates: Updates
    sent_at: datetime


def compose_weekly_updates(items: Sequence[WeeklyUpdateInput]) -> list[Message]:
    """Compose every update in order, in this process."""
    return [
        compose_weekly_update(
            i.organisation,
            i.client,
            i.contacts,
            i.project,
            i.forecast,
            i.updates,
            sent_at=i.sent_at,
        )
        for i in items
    ]


VARIANTS = [("es", "formal"), ("es", "informal"), ("en", "formal"), ("en", "informal")]


def make_inputs(count: int) -> list[WeeklyUpdateInput]:
    """A portfolio of ``count`` projects, varied in language, register, length and health."""
    organisation = Organisation(
        "Estudio Norte", "es", "EUR", "ES", "Estudio Norte", "avisos@estudionorte.es"
    )
    items = []
    for i in range(count):
        language, register = VARIANTS[i % 4]
        weeks = 4 + i % 20
        start = date(2026, 11, 30) - timedelta(weeks=weeks)
        scope = 80.0 + i % 50
        burn_up = BurnUp(
            dates=tuple(start + timedelta(weeks=w) for w in range(weeks)),
            done=tuple(scope * 0.8 * w / weeks for w in range(weeks)),
            scope=tuple(scope + (10.0 if w > weeks // 2 else 0.0) for w in range(weeks)),
        )
        p50 = date(2026, 12, 10) + timedelta(days=i % 30)
        forecast = ForecastView(
            p50_on=p50,
            p85_on=p50 + timedelta(days=9),
            p95_on=p50 + timedelta(days=16),
            p_on_time=(i % 100) / 100,
            health=("on_track", "at_risk", "late")[i % 3],
            percent_complete=80.0 * (weeks - 1) / weeks,
            burn_up=burn_up,
        )
        project = Project(
            key=f"p{i}",
            name=f"Proyecto {i}" if language == "es" else f"Project {i}",
            owner_name="Ana Ruiz",
            owner_email="ana@estudionorte.es",
            start_on=start,
            promised_on=date(2026, 12, 20),
            stake="la feria anual" if language == "es" else "the annual fair",
            stake_on=date(2027, 1, 15),
            value=Decimal(10000 + i),
            currency="EUR",
        )
        client = Client(f"Cliente {i}", language, register, "Europe/Madrid")
        contacts = (Contact(f"Persona {i}", f"persona{i}@cliente.example"),)
        updates = Updates(done=("Diseño", "Catálogo"), next=("Pagos", "Pruebas"))
        items.append(
            WeeklyUpdateInput(organisation, client, contacts, project, forecast, updates, SENT_AT)
        )
    return items


REPEAT = 3
F = TypeVar("F", bound=Callable[..., Any])


def timed(function: F, spent: dict[str, float], key: str) -> F:
    """The same function, adding the seconds each call takes to ``spent[key]``."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - started

    return cast(F, wrapper)


def seconds(work: Callable[[], object], repeat: int = REPEAT) -> float:
    """Best of ``repeat`` runs: the least disturbed by other work on the shared machine."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    items = make_inputs(args.count)
    compose_weekly_updates(items[:8])  # warm up: templates compiled, fonts loaded

    # 1. The headline: compose every update with its chart, in one process.
    messages: list[Message] = compose_weekly_updates(items)
    serial_s = seconds(lambda: compose_weekly_updates(items))
    mime_s = seconds(lambda: [m.to_email().as_bytes() for m in messages])

    # 2. The parts, timed inside one more serial run by wrapping the functions compose calls.
    spent = {"chart_png": 0.0, "jinja_templates": 0.0, "css_inline": 0.0}
    patched = [
        (weekly_update, "render_timeline_png", "chart_png"),
        (render, "render_templates", "jinja_templates"),
        (render, "inline_css", "css_inline"),
    ]
    originals = [getattr(module, name) for module, name, _ in patched]
    for (module, name, key), original in zip(patched, originals, strict=True):
        setattr(module, name, timed(original, spent, key))
    try:
        instrumented_s = seconds(lambda: compose_weekly_updates(items), repeat=1)
    finally:
        for (module, name, _), original in zip(patched, originals, strict=True):
            setattr(module, name, original)
    chart_s, templates_s, inline_s = (
        spent["chart_png"],
        spent["jinja_templates"],
        spent["css_inline"],
    )
    other_s = max(instrumented_s - chart_s - templates_s - inline_s, 0.0)

    def share(part: float) -> float:
        return round(part / instrumented_s, 3)

    result = {
        "benchmark": "compose weekly updates with charts",
        "count": args.count,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "per_second": {
            "serial": round(args.count / serial_s, 1),
            "serial_including_mime_bytes": round(args.count / (serial_s + mime_s), 1),
        },
        "target_per_second": 40,
        "ms_per_message": {
            "compose_total": round(1000 * serial_s / args.count, 2),
            "compose_total_instrumented_run": round(1000 * instrumented_s / args.count, 2),
            "chart_png": round(1000 * chart_s / args.count, 2),
            "jinja_templates": round(1000 * templates_s / args.count, 2),
            "css_inline": round(1000 * inline_s / args.count, 2),
            "checks_headers_other": round(1000 * other_s / args.count, 2),
            "mime_to_bytes": round(1000 * mime_s / args.count, 2),
        },
        "share_of_compose": {
            "chart_png": share(chart_s),
            "jinja_templates": share(templates_s),
            "css_inline": share(inline_s),
            "checks_headers_other": share(other_s),
        },
        "mean_png_bytes": round(sum(len(m.attachments[0].data) for m in messages) / len(messages)),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
