"""``plazo ledger``: do we keep our word? On-time rate, re-slips, notice lead, compensation."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING

from plazo.cli.errors import CommandError

if TYPE_CHECKING:
    from plazo.core.ledger import LedgerMetrics
    from plazo.store.services.ledger.metrics import LedgerEvent

__all__ = ["add_parser"]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-12-15") from None


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "ledger",
        help="promise-ledger metrics: on-time rate, re-slips, notice lead time, compensation",
        description="Metrics of every date promised to clients (definitions in docs/policy.md). "
        "Deadlines missed without any notice must be zero.",
    )
    parser.add_argument("--client", help="only this client (exact name)")
    parser.add_argument("--since", type=_day, help="from this date (YYYY-MM-DD)")
    parser.add_argument("--until", type=_day, help="up to this date (YYYY-MM-DD)")
    parser.add_argument("--org", help="organisation slug (default: the only one)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from plazo.cli.django import require_studio, setup_django

    setup_django()
    require_studio()
    from django.utils import timezone

    from plazo.cli.organisation import pick_organisation
    from plazo.core.calendar import local_day
    from plazo.store.models import Client
    from plazo.store.services.ledger.metrics import ledger_events, ledger_metrics

    organisation = pick_organisation(args.org)
    if args.since and args.until and args.since > args.until:
        raise CommandError("--since is after --until.")
    if (
        args.client
        and not Client.objects.for_organisation(organisation).filter(name=args.client).exists()
    ):
        raise CommandError(f"no client named {args.client!r} in {organisation.name}.")
    metrics = ledger_metrics(
        organisation,
        today=local_day(timezone.now(), organisation.time_zone),
        client=args.client,
        since=args.since,
        until=args.until,
    )
    events = ledger_events(organisation, client=args.client, since=args.since, until=args.until)
    if args.json:
        report = {**metrics.to_dict(), "events": [event.to_dict() for event in events]}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_table(metrics, organisation.name, args.client)
        _print_events(events)
    return 0


def _print_table(metrics: LedgerMetrics, organisation: str, client: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    def share(value: float | None) -> str:
        return "—" if value is None else f"{value:.0%}"

    lead = metrics.notice_lead_median_working_days
    table = Table(title=f"Promise ledger: {client or organisation}", title_justify="left")
    table.add_column("Metric")
    table.add_column("Value", justify="right")
    table.add_row("On-time rate", share(metrics.on_time_rate))
    table.add_row("Promises kept / broken", f"{metrics.promises_kept} / {metrics.promises_broken}")
    table.add_row("Promises cancelled with their project", str(metrics.promises_cancelled))
    table.add_row("Re-slip rate", share(metrics.re_slip_rate))
    table.add_row("Notice lead (median working days)", "—" if lead is None else f"{lead:g}")
    missed = len(metrics.missed_without_notice)
    table.add_row("Deadlines missed without notice", f"[bold red]{missed}[/]" if missed else "0")
    silent = len(metrics.slips_without_notice)
    table.add_row(
        "Dates moved later without telling the client", f"[bold red]{silent}[/]" if silent else "0"
    )
    for currency, totals in sorted(metrics.compensation.items()):
        table.add_row(
            f"Compensation {currency} offered / accepted / applied",
            f"{totals.offered} / {totals.accepted} / {totals.applied}",
        )
    Console().print(table)


_EVENT_WORDS = {"cancelled": "project cancelled", "reopened": "project taken up again"}


def _print_events(events: list[LedgerEvent]) -> None:
    """The cancellations and reopenings, which the metrics count but do not list."""
    if not events:
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Cancelled and taken up again", title_justify="left")
    for column in ("Day", "Project", "Client", "Promised date", "Event"):
        table.add_column(column)
    for event in events:
        table.add_row(
            event.on.isoformat(),
            event.project,
            event.client,
            event.promised_on.isoformat(),
            _EVENT_WORDS.get(event.event, event.event),
        )
    Console().print(table)
