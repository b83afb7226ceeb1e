"""What a snapshot holds, table by table: row counts and a digest of every row.

Computed inside the snapshot when backing up and again after restoring, so a restore proves it
reproduced every promise, message and ledger row, not just the right number of them.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["file_sha256", "table_figures"]

_BATCH = 2000


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time | decimal.Decimal):
        return str(value)
    return value


def table_figures(cursor: Any, tables: Iterable[str], quote: Any) -> dict[str, dict[str, Any]]:
    """``{table: {"rows": n, "sha256": digest}}`` for ``tables``, read through a DB-API cursor.

    Rows are read in the order of their first column (the primary key of every plazo and Django
    table), so the same rows give the same digest on any copy of the same database engine.
    """
    figures: dict[str, dict[str, Any]] = {}
    for table in sorted(tables):
        digest = hashlib.sha256()
        cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY 1")  # table names from the schema
        rows = 0
        while batch := cursor.fetchmany(_BATCH):
            for row in batch:
                line = json.dumps([_plain(v) for v in row], default=str, ensure_ascii=False)
                digest.update(line.encode() + b"\n")
            rows += len(batch)
        figures[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return figures


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
