"""``plazo forecast --all``: re-forecast every active stored project and keep the results.

One project that cannot be forecast (bad stored data: a holiday calendar or a time zone that does
not exist) stops only itself, as in the worker's check-ins: every other project is forecast, each
failure is named on stderr with its reason, and the exit code is 1 when any project failed.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plazo.store.models import Organisation
    from plazo.store.services.forecasting.run import Reforecast

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

    organisations = (
        [pick_organisation(args.org)] if args.org else list(Organisation.objects.order_by("slug"))
    )
    now = timezone.now()
    rows: list[dict[str, Any]] = []
    failed = attempted = 0
    for organisation in organisations:
        for run in _each_active(organisation, now=now, debug=args.debug):
            attempted += 1
            if run is None:
                failed += 1
                continue
            f = run.forecast
            if f is None:
                rows.append(_no_work_row(organisation.slug, run))
                continue
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
    code = 0
    if failed:
        print(
            f"plazo: {failed} of {attempted} active projects could not be forecast "
            "(each is named above); the others were.",
            file=sys.stderr,
        )
        code = 1
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return code
    table = Table(title="Forecasts of active projects", title_justify="left")
    for name in ("Organisation", "Project", "Promised", "P50", "P85", "P(on time)", "New row"):
        table.add_column(name)
    for row in rows:
        p = row["p_on_time"]
        table.add_row(
            row["organisation"], row["project"], row["promised_on"] or "—",
            row["finish"]["p50"] or "—", row["finish"]["p85"] or "—",
            "—" if p is None else f"{p:.0%}", _stored(row),
        )  # fmt: skip
    Console().print(table)
    return code


def _each_active(
    organisation: Organisation, *, now: datetime, debug: bool
) -> Iterator[Reforecast | None]:
    """Re-forecast the organisation's active projects one by one, from its history read once.

    A project whose forecast raises is named on stderr with the reason and yields None; its
    transaction is rolled back, so it keeps its previous forecast and the next project goes on.
    """
    from django.db import transaction

    from plazo.store.services.failures.checkins import reason_of
    from plazo.store.services.forecasting.run import (
        OrganisationHistories,
        active_project_ids,
        reforecast_project,
    )
    from plazo.store.services.work.snapshots import iter_project_snapshots

    histories = OrganisationHistories()
    for snapshot in iter_project_snapshots(active_project_ids(organisation)):
        project = snapshot.project
        run: Reforecast | None = None
        try:
            with transaction.atomic():
                today = project.client_today(now)
                run = reforecast_project(snapshot, today=today, now=now, histories=histories)
        except Exception as error:  # one project's bad data stops that project only
            if debug:
                traceback.print_exception(error, file=sys.stderr)
            print(
                f"plazo: project {project.name!r} (id {project.pk}, organisation "
                f"{organisation.slug}) could not be forecast: {reason_of(error)}",
                file=sys.stderr,
            )
        yield run


def _stored(row: dict[str, Any]) -> str:
    if row["stored"]:
        return "yes"
    return "no (no work items)" if row["model"] is None else "no (inputs unchanged)"


def _no_work_row(organisation: str, run: Reforecast) -> dict[str, Any]:
    """A project with no work item in scope: listed, with nothing forecast."""
    project = run.snapshot.project
    return {
        "organisation": organisation,
        "project": project.name,
        "promised_on": _iso(project.promised_on),
        "finish": {"p50": None, "p85": None, "p95": None},
        "p_on_time": None,
        "recommended_date": None,
        "model": None,
        "model_reason": None,
        "remaining_items": 0,
        "unestimated": 0,
        "history_size": None,
        "stored": False,
        "reason": "no work items: add tasks to get a forecast",
    }


def _iso(day: object) -> str | None:
    return None if day is None else day.isoformat()  # type: ignore[attr-defined]
