"""``plazo import FILE --kind …``: load clients, projects, work items or history, all or nothing."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from plazo.cli.errors import CommandError

if TYPE_CHECKING:
    from plazo.store.services.importing import ImportReport

__all__ = ["add_parser", "run"]

_KINDS = ("clients", "projects", "items", "history")
_PROGRESS_FROM_ROWS = 1000  # smaller files finish before a bar would be worth drawing


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import",
        help="import clients, projects, work items or a History CSV from CSV or JSON",
        description="Import a CSV or JSON file (by extension) into one organisation. All or "
        "nothing: any bad row and nothing is written, with every problem listed as "
        "FILE:LINE:COLUMN: message (exit 2). Rows with a known external id (or name) update "
        "instead of duplicating. See docs/import.md for the columns of each kind.",
    )
    parser.add_argument("file", metavar="FILE", help="a .csv or .json file")
    parser.add_argument("--kind", required=True, choices=_KINDS, help="what the file holds")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="validate and report what would change; write nothing",
    )
    parser.add_argument("--org", metavar="SLUG", help="organisation (default: the only one)")
    parser.add_argument(
        "--client",
        metavar="NAME",
        help="history only: the client (name or external id) new projects belong to; created "
        "when missing (default 'Imported history')",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from plazo.cli.django import ensure_database, setup_django

    path = Path(args.file)
    text = _read(path)
    setup_django()
    ensure_database()

    from django.utils import timezone

    from plazo.cli.organisation import pick_organisation
    from plazo.store.services.importing import (
        DEFAULT_HISTORY_CLIENT,
        ImportRejected,
        format_for,
        import_text,
    )

    file_format = format_for(path.name)
    if file_format is None:
        raise CommandError(f"{args.file}: cannot tell the format; name the file .csv or .json")
    if args.client is not None and args.kind != "history":
        raise CommandError("--client applies to --kind history only")
    organisation = pick_organisation(args.org)
    rows = text.count("\n")
    with _progress_bar(enabled=rows >= _PROGRESS_FROM_ROWS) as progress:
        try:
            report = import_text(
                organisation,
                args.kind,
                text,
                file_format,
                source=path.name,
                now=timezone.now(),
                dry_run=args.dry_run,
                history_client=args.client or DEFAULT_HISTORY_CLIENT,
                progress=progress,
            )
        except ImportRejected as rejected:
            for problem in rejected.problems:
                print(problem.format(args.file))
            print(f"plazo: {args.file}: {rejected}", file=sys.stderr)
            return 2
    print(_summary(report, organisation.slug))
    return 0


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        raise CommandError(f"no such file: {path}") from None
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None


def _summary(report: ImportReport, slug: str) -> str:
    def part(counts: dict[str, int]) -> str:
        return ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "nothing"

    verb = ("would create", "would update") if report.dry_run else ("created", "updated")
    lines = [
        f"{report.rows} rows of {report.kind} for {slug}"
        + (" (dry run: nothing written)" if report.dry_run else ""),
        f"  {verb[0]}: {part(report.created)}",
        f"  {verb[1]}: {part(report.updated)}",
        f"  unchanged: {part(report.unchanged)}",
    ]
    return "\n".join(lines)


@contextmanager
def _progress_bar(*, enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """A Rich progress bar on stderr (one line per phase), or nothing for small files."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, TaskID

    tasks: dict[str, TaskID] = {}
    with Progress(console=Console(stderr=True), transient=True) as bar:

        def update(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        yield update
