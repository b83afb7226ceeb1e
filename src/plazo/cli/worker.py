"""``plazo worker``: run background work (outbox delivery and what is due) until stopped."""

from __future__ import annotations

import argparse

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "worker",
        help="run background work: deliver the outbox and everything that is due",
        description="Process plazo's background tasks (django-tasks, database backend). Run any "
        "number of workers on any number of machines against one database. SIGTERM stops a "
        "worker gracefully after its current task.",
    )
    parser.add_argument(
        "--once",
        action="store_true",
        help="process everything due now, then exit (for cron)",
    )
    parser.add_argument(
        "--interval", type=float, default=1.0, help="seconds between polls for tasks (default 1)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import random

    from django.core.management import call_command
    from django.utils import timezone

    from plazo.cli.django import require_studio, setup_django

    setup_django()
    require_studio()

    from plazo.worker.due import run_due_work
    from plazo.worker.tasks import ensure_tick_scheduled

    if args.once:
        done = run_due_work(now=timezone.now(), rng=random.Random())
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
        delivery = done.delivery
        print(
            f"plazo worker: sent {len(delivery.sent)}, retrying {len(delivery.retrying)}, "
            f"failed {len(delivery.failed)}"
        )
        return 0
    ensure_tick_scheduled()
    call_command("db_worker", interval=args.interval, startup_delay=True, verbosity=1)
    return 0
