"""``plazo backup OUT`` and ``plazo restore IN``: a studio's data, safe elsewhere and back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plazo.cli.errors import CommandError

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = subparsers.add_parser(
        "backup",
        help="write a consistent snapshot of the database and the outbox into a new folder",
        description="Copy the database (SQLite's online backup, or pg_dump for PostgreSQL) as "
        "one consistent state while plazo keeps running, the outbox's .eml files and a "
        "manifest (versions, row counts, checksums) into OUT, a new or empty folder. The "
        "secret key is left out unless --with-secret. See docs/deploy.md.",
    )
    backup.add_argument("out", type=Path, metavar="OUT", help="a new or empty folder")
    backup.add_argument(
        "--with-secret", action="store_true", help="include the secret key (keep OUT private)"
    )
    backup.set_defaults(run=run_backup)
    restore = subparsers.add_parser(
        "restore",
        help="restore a backup into an empty home (PLAZO_HOME / DATABASE_URL)",
        description="Check every file of the backup against its manifest, load the database "
        "into the home's empty database, check every table's rows against the manifest, and "
        "copy the outbox (and the secret key, if the backup has it). Refuses a home that "
        "already has data.",
    )
    restore.add_argument("source", type=Path, metavar="IN", help="a folder made by plazo backup")
    restore.set_defaults(run=run_restore)


def _start() -> None:
    from plazo.cli.django import ensure_database, setup_django

    setup_django()
    ensure_database()


def run_backup(args: argparse.Namespace) -> int:
    _start()
    from plazo.backup import BackupError, make_backup

    try:
        manifest = make_backup(args.out, with_secret=args.with_secret)
    except BackupError as error:
        raise CommandError(str(error)) from error
    tables = manifest["database"]["tables"]
    rows = sum(table["rows"] for table in tables.values())
    secret = "with" if args.with_secret else "without"
    print(
        f"plazo: backed up {rows} rows in {len(tables)} tables and "
        f"{manifest['outbox_files']} outbox messages to {args.out} ({secret} the secret key)",
        file=sys.stderr,
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    _start()
    from plazo.backup import BackupError, restore_backup

    try:
        manifest = restore_backup(args.source)
    except BackupError as error:
        raise CommandError(str(error)) from error
    tables = manifest["database"]["tables"]
    print(
        f"plazo: restored {sum(t['rows'] for t in tables.values())} rows in {len(tables)} "
        f"tables (each checked against the manifest) and {manifest['outbox_files']} outbox "
        f"messages from {args.source}",
        file=sys.stderr,
    )
    if not manifest["secret_key_included"]:
        print(
            "plazo: the backup has no secret key, so this home uses a new one: people log in "
            "again; API tokens, status links and webhooks keep working.",
            file=sys.stderr,
        )
    return 0
