"""``plazo offers``: every compensation offer as CSV, for accounting."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "offers",
        help="export compensation offers (offered, accepted, declined, applied) as CSV",
        description="Write every offer of the organisation as CSV: client, project, kind, amount, "
        "state and the amount applied on the invoice.",
    )
    parser.add_argument("--org", help="organisation slug (default: the only one)")
    parser.add_argument("--output", "-o", type=Path, help="write to this file instead of stdout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from plazo.cli.django import require_studio, setup_django

    setup_django()
    require_studio()
    from plazo.cli.organisation import pick_organisation
    from plazo.store.services.delays.offers import write_offers_csv

    organisation = pick_organisation(args.org)
    if args.output is None:
        write_offers_csv(organisation, sys.stdout)
        return 0
    with args.output.open("w", newline="", encoding="utf-8") as out:
        rows = write_offers_csv(organisation, out)
    print(f"plazo: wrote {rows} offer(s) to {args.output}", file=sys.stderr)
    return 0
