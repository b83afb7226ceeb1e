"""``plazo demo``: set up the embedded default, load a realistic portfolio and run one cycle."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from plazo.demo.cycle import DemoCycle
    from plazo.store.services.pages.portfolio_rows import ProjectRow

__all__ = ["add_parser"]

HEALTH_STYLE = {"on_track": "green", "at_risk": "yellow", "late": "bold red"}


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "demo",
        help="create the database, load a demo portfolio and run one cycle (idempotent)",
        description="Migrate the database, load the demo studio (Spanish and English clients, one "
        "project at risk) unless it is already there, then run one cycle: forecast every project, "
        "open a delay case with a notice for the one at risk, write weekly updates and deliver "
        "them as .eml files. Data lives under $PLAZO_HOME (default ./.plazo).",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from plazo.cli.django import migrate, setup_django

    setup_django()
    migrate()

    from django.conf import settings
    from django.urls import reverse
    from django.utils import timezone
    from rich.console import Console

    from plazo.demo import DEMO_USERNAME, load_demo
    from plazo.demo.cycle import run_demo_cycle
    from plazo.demo.load import DEMO_PASSWORD
    from plazo.store.services.pages.portfolio_rows import portfolio_rows

    console = Console()
    today, now = timezone.localdate(), timezone.now()
    loaded = load_demo(today=today)
    cycle = run_demo_cycle(loaded.organisation, today=today, now=now)
    console.print(
        _portfolio_table(portfolio_rows(loaded.organisation, today=today), loaded.organisation.name)
    )
    _print_cycle(console, cycle)
    changed = loaded.created or cycle.changed
    status = "loaded" if loaded.created else "already loaded"
    console.print(
        f"Demo organisation: [bold]{loaded.organisation.name}[/] ({status}"
        f"{'' if changed else '; nothing changed'})"
    )
    console.print(f"PLAZO_HOME:  {settings.PLAZO_HOME}")
    if settings.EMAIL_FILE_PATH:
        console.print(
            f"Outbox:      {settings.EMAIL_FILE_PATH}  (open the .eml files in a mail client)"
        )
    console.print(
        f"Next:        plazo serve, then {settings.PLAZO_BASE_URL}/ "
        f"(user [bold]{DEMO_USERNAME}[/], password [bold]{DEMO_PASSWORD}[/])"
    )
    if cycle.status_page is not None:
        link = reverse("web:status_page", args=[cycle.status_page.token])
        console.print(
            f"Client page: {settings.PLAZO_BASE_URL}{link}  (Portal del inversor, no login)"
        )
    for case in cycle.to_review:
        if case.state != "draft":
            continue
        review = reverse("web:delay_case", args=[case.pk])
        console.print(
            f"[bold yellow]Your turn:[/] the delay notice for [bold]{case.project.name}[/] is a "
            f"draft waiting for your review at {settings.PLAZO_BASE_URL}{review}"
        )
        console.print(
            "             check the facts and the new date, then press Approve and send; "
            "its weekly update is held until then."
        )
    return 0


def _portfolio_table(rows: list[ProjectRow], title: str) -> Table:
    from rich.table import Table

    table = Table(title=f"{title}: active projects", title_justify="left")
    table.add_column("Project / client", ratio=1)
    for name in ("Promised", "P85 finish"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("On time", justify="right", no_wrap=True)
    table.add_column("Health", no_wrap=True)
    table.add_column("Left h", justify="right", no_wrap=True)
    table.add_column("Done", justify="right", no_wrap=True)
    for row in rows:
        health = row.health.value if row.health else "—"
        table.add_row(
            f"{row.project}\n[dim]{row.client}[/]",
            f"{row.promised_on:%Y-%m-%d}" if row.promised_on else "—",
            f"{row.finish_p85_on:%Y-%m-%d}" if row.finish_p85_on else "—",
            "—" if row.p_on_time is None else f"{row.p_on_time:.0%}",
            f"[{HEALTH_STYLE.get(health, '')}]{health.replace('_', ' ')}[/]",
            f"{row.remaining_hours:.0f}",
            f"{row.done_share:.0%}",
        )
    return table


def _print_cycle(console: Console, cycle: DemoCycle) -> None:
    for case in cycle.cases_opened:
        console.print(
            f"[yellow]Delay case opened[/] for [bold]{case.project.name}[/]: recommended new date "
            f"{case.recommended_on:%Y-%m-%d} (was {case.previous_promised_on:%Y-%m-%d}); "
            "the owner was alerted."
        )
    for notice in cycle.notices:
        console.print(
            f"[bold]Delay notice[/] queued: «{notice.subject}» to {', '.join(notice.recipients)}"
        )
    if cycle.updates:
        console.print(f"Weekly updates queued: {len(cycle.updates)}")
    if cycle.delivered:
        console.print(f"Delivered to the outbox: {len(cycle.delivered)} message(s)")
    if cycle.awaiting_approval:
        console.print(f"Awaiting the owner's approval: {', '.join(cycle.awaiting_approval)}")
