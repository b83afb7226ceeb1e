"""``plazo restore IN``: a backup into an empty home, checked file by file and row by row.

1. Every file's SHA-256 is checked against the manifest before anything is written.
2. The home must be empty: its database has no tables and its outbox no messages.
3. SQLite: the database file is copied into place. PostgreSQL: ``pg_restore`` loads the dump
   into the (empty) database that ``DATABASE_URL`` names.
4. Every table's row count and digest are compared with the manifest's.
5. The outbox files are copied, and the secret key when the backup holds one.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections

from plazo.backup.errors import BackupError
from plazo.backup.figures import file_sha256, table_figures
from plazo.backup.make import MANIFEST, pg_command_env, pg_tool_version

__all__ = ["restore_backup"]


def restore_backup(source: Path) -> dict[str, Any]:
    """Restore the backup folder ``source`` into the configured home; returns its manifest."""
    manifest = _checked_manifest(source)
    database = manifest["database"]
    if database["vendor"] != connection.vendor:
        raise BackupError(
            f"the backup holds a {database['vendor']} database but DATABASE_URL names a "
            f"{connection.vendor} one; point DATABASE_URL at an empty {database['vendor']} "
            "database."
        )
    outbox = Path(settings.EMAIL_FILE_PATH or settings.PLAZO_HOME / "outbox")
    _refuse_unless_empty(outbox)
    if connection.vendor == "sqlite":
        _restore_sqlite(source / database["file"])
    else:
        _restore_postgres(source / database["file"])
    _check_tables(database["tables"])
    outbox.mkdir(parents=True, exist_ok=True)
    for path in sorted((source / "outbox").glob("*.eml")):
        shutil.copy2(path, outbox / path.name)
    if manifest["secret_key_included"]:
        key = Path(settings.PLAZO_HOME) / "secret_key"
        key.write_text((source / "secret_key").read_text())
        key.chmod(0o600)
    return manifest


def _checked_manifest(source: Path) -> dict[str, Any]:
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} is not a plazo backup (it has no {MANIFEST}).")
    manifest: dict[str, Any] = json.loads(path.read_text())
    for name, expected in manifest["files"].items():
        file = source / name
        if not file.is_file():
            raise BackupError(f"the backup lacks {name}, which its manifest lists.")
        if file_sha256(file) != expected:
            raise BackupError(f"{name} does not match its checksum; the backup is damaged.")
    return manifest


def _refuse_unless_empty(outbox: Path) -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"the database already has {len(tables)} tables; restore only into an empty home "
            "(a new PLAZO_HOME, or a new empty database in DATABASE_URL)."
        )
    if outbox.is_dir() and any(outbox.glob("*.eml")):
        raise BackupError(f"{outbox} already holds messages; restore only into an empty home.")


def _restore_sqlite(file: Path) -> None:
    target = Path(settings.DATABASES["default"]["NAME"])
    connections.close_all()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(file, target)


def _restore_postgres(file: Path) -> None:
    pg_tool_version("pg_restore")
    options, env = pg_command_env()
    connections.close_all()
    result = subprocess.run(
        ["pg_restore", *options, "--no-owner", "--no-privileges", "--exit-on-error",
         f"--dbname={settings.DATABASES['default']['NAME']}", str(file)],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()[:500]}")


def _check_tables(expected: dict[str, dict[str, Any]]) -> None:
    if connection.vendor == "sqlite":
        # Read as the backup read it: plain sqlite3, without Django's type converters.
        raw = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        try:
            found = table_figures(raw.cursor(), list(expected), lambda name: f'"{name}"')
        finally:
            raw.close()
    else:
        with connection.cursor() as cursor:
            found = table_figures(cursor, list(expected), connection.ops.quote_name)
    different = sorted(name for name in expected if found.get(name) != expected[name])
    if different:
        raise BackupError(
            f"after restoring, {len(different)} table(s) differ from the backup "
            f"(first: {different[0]}); the home is left as it is for inspection."
        )
