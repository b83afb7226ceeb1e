"""One INSERT that a unique constraint may refuse, without breaking the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, connection, transaction

__all__ = ["insert_or_get"]

T = TypeVar("T")


def insert_or_get(insert: Callable[[], T], existing: Callable[[], T | None]) -> tuple[T, bool]:
    """Run ``insert`` (one row) and return it with True; if a constraint refuses it, return the
    row ``existing`` finds with False (and re-raise when it finds none: another rule was broken).

    Inside a transaction the insert gets a savepoint, so a refusal leaves the transaction usable.
    Outside one (autocommit, as in the worker's loops) the statement is its own transaction: a
    savepoint there would cost a BEGIN and a COMMIT round trip for nothing.
    """
    try:
        if connection.in_atomic_block:
            with transaction.atomic():
                return insert(), True
        return insert(), True
    except IntegrityError:
        found = existing()
        if found is None:
            raise
        return found, False
