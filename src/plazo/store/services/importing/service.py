"""The import use case: read, validate every row, then write everything or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Literal, Protocol

from django.db import transaction

from plazo.store.models import Organisation
from plazo.store.services.importing.clients import parse_clients, plan_clients
from plazo.store.services.importing.common import Counts, ProgressCallback, Reforecast
from plazo.store.services.importing.history import (
    DEFAULT_HISTORY_CLIENT,
    parse_history,
    plan_history,
)
from plazo.store.services.importing.items import parse_items, plan_items
from plazo.store.services.importing.problems import ImportRejected, Problem
from plazo.store.services.importing.projects import parse_projects, plan_projects
from plazo.store.services.importing.rows import FileFormat, read_table
from plazo.store.signals import work_changed_in_bulk

__all__ = ["KINDS", "ImportKind", "ImportReport", "import_text"]

ImportKind = Literal["clients", "projects", "items", "history"]
KINDS: tuple[ImportKind, ...] = ("clients", "projects", "items", "history")


@dataclass(frozen=True)
class ImportReport:
    """What an import wrote (or, on a dry run, would write), per kind of row."""

    kind: ImportKind
    rows: int
    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    dry_run: bool

    @classmethod
    def of(cls, kind: ImportKind, rows: int, counts: Counts, *, dry_run: bool) -> ImportReport:
        return cls(
            kind, rows, dict(counts.created), dict(counts.updated), dict(counts.unchanged), dry_run
        )


def import_text(
    organisation: Organisation,
    kind: ImportKind,
    text: str,
    file_format: FileFormat,
    *,
    source: str,
    now: datetime,
    dry_run: bool = False,
    history_client: str = DEFAULT_HISTORY_CLIENT,
    progress: ProgressCallback | None = None,
    reforecast: Reforecast | None = None,
) -> ImportReport:
    """Import ``text`` into ``organisation``, all or nothing.

    1. Parse and validate every row without touching the database (pure functions).
    2. Match rows against what exists, with every lookup prefetched into dictionaries.
    3. Any problem in 1 or 2 raises :class:`ImportRejected` listing all of them; nothing is written.
    4. Otherwise write in batches inside one transaction (skipped on a dry run).
    5. After commit, call ``reforecast`` once per project whose items or promise changed, as the
       GitHub and Jira imports do (bulk writes send no save signals); by default, announce it
       with :data:`plazo.store.signals.work_changed_in_bulk`, on which the worker schedules the
       project's re-forecast, so every caller (CLI, web page, script) re-forecasts.
    """
    table = read_table(text, file_format)
    rows = len(table.rows)
    if progress:
        progress("validating", 0, rows)
    with transaction.atomic():
        problems: list[Problem] = []
        plan: _Plan
        if kind == "clients":
            client_records, problems = parse_clients(table)
            plan = plan_clients(organisation, client_records, problems)
        elif kind == "projects":
            project_records, problems = parse_projects(table)
            plan = plan_projects(organisation, project_records, problems, source=source, now=now)
        elif kind == "items":
            item_records, problems = parse_items(table)
            plan = plan_items(organisation, item_records, problems)
        else:
            item_records, problems = parse_history(table)
            plan = plan_history(organisation, item_records, problems, client_name=history_client)
        if progress:
            progress("validating", rows, rows)
        if problems:
            raise ImportRejected(problems)
        if not dry_run:
            plan.write(progress)
            for project_id in sorted(plan.touched_projects()):
                transaction.on_commit(partial(reforecast or _announce, project_id))
    return ImportReport.of(kind, rows, plan.counts, dry_run=dry_run)


def _announce(project_id: int) -> None:
    work_changed_in_bulk.send(sender=import_text, project_id=project_id)


class _Plan(Protocol):
    """What every kind's plan offers (a structural type for the dispatch above)."""

    counts: Counts

    def write(self, progress: ProgressCallback | None) -> None: ...

    def touched_projects(self) -> set[int]: ...
