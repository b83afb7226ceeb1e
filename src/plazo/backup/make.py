"""``plazo backup OUT``: one consistent snapshot of the database, the outbox and a manifest.

1. SQLite: the online backup API copies the database in one step under a read lock, so a
   worker writing at the same time waits a moment and the copy is one consistent state.
   PostgreSQL: a repeatable-read transaction exports its snapshot and ``pg_dump --snapshot``
   dumps exactly that state, while the same transaction counts and digests every table.
2. The outbox's ``.eml`` files are copied after the database (files are written whole, by
   rename), so the copy may hold a few more sent messages than the snapshot knows as sent.
3. The manifest records versions, every table's row count and digest, every file's SHA-256, and
   whether the secret key is included (only with ``--with-secret``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from plazo import __version__
from plazo.backup.errors import BackupError
from plazo.backup.figures import file_sha256, table_figures

__all__ = ["MANIFEST", "make_backup", "pg_command_env"]

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"


def make_backup(out: Path, *, with_secret: bool = False) -> dict[str, Any]:
    """Write the backup into the new or empty folder ``out``; returns the manifest."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"{out} already exists and is not an empty folder; choose a new one.")
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    if connection.vendor == "sqlite":
        database = _sqlite_snapshot(out)
    elif connection.vendor == "postgresql":
        database = _postgres_snapshot(out)
    else:  # pragma: no cover - plazo runs on these two only
        raise BackupError(f"cannot back up a {connection.vendor} database.")
    outbox = Path(settings.EMAIL_FILE_PATH or settings.PLAZO_HOME / "outbox")
    copied = _copy_outbox(outbox, out / "outbox")
    if with_secret:
        secret = out / "secret_key"
        secret.write_text(settings.SECRET_KEY + "\n")
        secret.chmod(0o600)
    files = {
        str(path.relative_to(out)): file_sha256(path)
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }
    manifest = {
        "format": 1,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "plazo": __version__,
        "django": django.get_version(),
        "database": database,
        "outbox_files": copied,
        "secret_key_included": with_secret,
        "files": files,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def _sqlite_snapshot(out: Path) -> dict[str, Any]:
    source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]), timeout=60)
    target_path = out / SQLITE_FILE
    target = sqlite3.connect(str(target_path))
    try:
        source.backup(target)  # pages=-1: the whole database in one step, one consistent state
        target_path.chmod(0o600)
        tables = [
            name
            for (name,) in target.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        figures = table_figures(target.cursor(), tables, lambda name: f'"{name}"')
    finally:
        target.close()
        source.close()
    return {
        "vendor": "sqlite",
        "file": SQLITE_FILE,
        "sqlite_version": sqlite3.sqlite_version,
        "tables": figures,
    }


def pg_command_env() -> tuple[list[str], dict[str, str]]:
    """Connection options and environment for pg_dump / pg_restore from Django's settings."""
    params = settings.DATABASES["default"]
    options = ["--host", str(params.get("HOST") or "localhost")]
    options += ["--port", str(params.get("PORT") or 5432)]
    if params.get("USER"):
        options += ["--username", str(params["USER"])]
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return options, env


def pg_tool_version(tool: str) -> tuple[int, str]:
    """The major version and the full version text of ``pg_dump`` or ``pg_restore``."""
    path = shutil.which(tool)
    if path is None:
        raise BackupError(
            f"{tool} is not installed; install PostgreSQL's client tools (e.g. apt-get install "
            "postgresql-client) of the server's version."
        )
    text = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
    found = re.search(r"(\d+)(?:\.(\d+))?", text)
    if found is None:
        raise BackupError(f"cannot read the version of {tool} from {text!r}.")
    return int(found.group(1)), found.group(0)


def _postgres_snapshot(out: Path) -> dict[str, Any]:
    tool_major, tool_version = pg_tool_version("pg_dump")
    server_major = connection.cursor().connection.info.server_version // 10000
    if tool_major < server_major:
        raise BackupError(
            f"pg_dump {tool_version} is older than the PostgreSQL {server_major} server; install "
            f"the client tools of version {server_major} or newer."
        )
    options, env = pg_command_env()
    dump = out / PG_FILE
    name = str(settings.DATABASES["default"]["NAME"])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        result = subprocess.run(
            ["pg_dump", *options, "--format=custom", "--no-owner", "--no-privileges",
             f"--snapshot={snapshot}", f"--file={dump}", name],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()[:500]}")
        dump.chmod(0o600)
        tables = connection.introspection.table_names(cursor)
        figures = table_figures(cursor, tables, connection.ops.quote_name)
    return {
        "vendor": "postgresql",
        "file": PG_FILE,
        "server_version": server_major,
        "pg_dump": tool_version,
        "tables": figures,
    }


def _copy_outbox(source: Path, target: Path) -> int:
    target.mkdir(mode=0o700)
    copied = 0
    if source.is_dir():
        for path in sorted(source.glob("*.eml")):
            shutil.copy2(path, target / path.name)
            copied += 1
    return copied
