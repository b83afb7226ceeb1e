"""``plazo unlock USER`` / ``--address IP`` / ``--list``: lift a log-in pause before it ends."""

from __future__ import annotations

import argparse

from plazo.cli.errors import CommandError

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "unlock",
        help="lift the pause on an account or address locked by failed log-ins",
        description="After too many failed log-ins (PLAZO_LOGIN_FAILURE_LIMIT, default 10) an "
        "account and the address they came from are paused for a growing period. This lifts "
        "the pause at once and forgets the failures. With --list, show what is paused.",
    )
    parser.add_argument("user", nargs="?", metavar="USER", help="user name or e-mail")
    parser.add_argument("--address", metavar="IP", help="also lift the pause on this address")
    parser.add_argument("--list", action="store_true", help="list the current pauses and exit")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from plazo.cli.django import ensure_database, setup_django

    setup_django()
    ensure_database()
    from django.utils import timezone

    from plazo.store.services.access.login_throttle import (
        address_key,
        current_locks,
        unlock,
        user_key,
    )

    now = timezone.now()
    if args.list:
        locks = current_locks(now)
        for lock in locks:
            assert lock.locked_until is not None
            print(f"{lock.key}\tuntil {lock.locked_until.isoformat(timespec='seconds')}")
        if not locks:
            print("plazo: no log-in is paused")
        return 0
    keys = ([user_key(args.user)] if args.user else []) + (
        [address_key(args.address)] if args.address else []
    )
    if not keys:
        raise CommandError("name the user to unlock (plazo unlock USER) or give --address IP")
    locked = {lock.key for lock in current_locks(now)}
    unlock(keys)
    for key in keys:
        state = "unlocked" if key in locked else "was not paused; its failures are forgotten"
        print(f"plazo: {key.partition(':')[2]} {state}")
    return 0
