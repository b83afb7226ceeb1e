"""``plazo demo``: set up the embedded default with a realistic portfolio and show it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.table import Table

    from plazo.store.services.portfolio import ProjectRow

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "demo",
        help="create the database and load a demo portfolio (idempotent)",
        description="Migrate the database, load the demo studio (Spanish and English clients, one "
        "project at risk) unless it is already there, and print the portfolio. Data lives under "
        "$PLAZO_HOME (default ./.plazo).",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from plazo.cli.django import migrate, setup_django

    setup_django()
    migrate()

    from django.conf import settings
    from django.utils import timezone
    from rich.console import Console

    from plazo.store.demo import DEMO_USERNAME, load_demo
    from plazo.store.demo.load import DEMO_PASSWORD
    from plazo.store.services.portfolio import portfolio_rows

    console = Console()
    loaded = load_demo(today=timezone.localdate())
    console.print(_portfolio_table(portfolio_rows(loaded.organisation), loaded.organisation.name))
    status = "loaded" if loaded.created else "already loaded; nothing changed"
    console.print(f"Demo organisation: [bold]{loaded.organisation.name}[/] ({status})")
    console.print(f"PLAZO_HOME:  {settings.PLAZO_HOME}")
    if settings.EMAIL_FILE_PATH:
        console.print(f"Outbox:      {settings.EMAIL_FILE_PATH}")
    console.print(
        f"Next:        plazo serve, then {settings.PLAZO_BASE_URL}/admin/ "
        f"(user [bold]{DEMO_USERNAME}[/], password [bold]{DEMO_PASSWORD}[/])"
    )
    return 0


def _portfolio_table(rows: list[ProjectRow], title: str) -> Table:
    from rich.table import Table

    table = Table(title=f"{title}: active projects", title_justify="left")
    table.add_column("Client")
    table.add_column("Project")
    table.add_column("Promised", justify="right")
    table.add_column("Client needs it", justify="right")
    table.add_column("Remaining h", justify="right")
    table.add_column("Done", justify="right")
    for row in rows:
        table.add_row(
            row.client,
            row.project,
            f"{row.promised_on:%Y-%m-%d}" if row.promised_on else "—",
            f"{row.stake_on:%Y-%m-%d}" if row.stake_on else "",
            f"{row.remaining_hours:.1f}",
            f"{row.done_share:.0%}",
        )
    return table
