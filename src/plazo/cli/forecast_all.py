"""``plazo forecast --all``: re-forecast every active stored project and keep the results."""

from __future__ import annotations

import argparse
import json
from typing import Any

__all__ = ["run_all"]


def run_all(args: argparse.Namespace) -> int:
    """Forecast each organisation's active projects from its own history; print what changed."""
    from plazo.cli.django import require_studio, setup_django

    setup_django()
    require_studio()
    from django.utils import timezone
    from rich.console import Console
    from rich.table import Table

    from plazo.cli.organisation import pick_organisation
    from plazo.store.models import Organisation
    from plazo.store.services.forecasting.run import reforecast_active

    organisations = (
        [pick_organisation(args.org)] if args.org else list(Organisation.objects.order_by("slug"))
    )
    now = timezone.now()
    rows: list[dict[str, Any]] = []
    for organisation in organisations:
        for run in reforecast_active(organisation, now=now):
            f = run.forecast
            rows.append(
                {
                    "organisation": organisation.slug,
                    "project": f.project.name,
                    "promised_on": _iso(f.project.promised_on),
                    "finish": {
                        "p50": _iso(f.finish_p50_on),
                        "p85": _iso(f.finish_p85_on),
                        "p95": _iso(f.finish_p95_on),
                    },
                    "p_on_time": f.p_on_time,
                    "recommended_date": _iso(f.recommended_on),
                    "model": f.model,
                    "model_reason": f.model_reason,
                    "remaining_items": f.remaining_items,
                    "unestimated": f.unestimated_items,
                    "history_size": f.history_size,
                    "stored": run.stored,
                    "reason": f.reason,
                }
            )
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    table = Table(title="Forecasts of active projects", title_justify="left")
    for name in ("Organisation", "Project", "Promised", "P50", "P85", "P(on time)", "New row"):
        table.add_column(name)
    for row in rows:
        p = row["p_on_time"]
        table.add_row(
            row["organisation"], row["project"], row["promised_on"] or "—",
            row["finish"]["p50"] or "—", row["finish"]["p85"] or "—",
            "—" if p is None else f"{p:.0%}", "yes" if row["stored"] else "no (inputs unchanged)",
        )  # fmt: skip
    Console().print(table)
    return 0


def _iso(day: object) -> str | None:
    return None if day is None else day.isoformat()  # type: ignore[attr-defined]
