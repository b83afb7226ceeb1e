"""``plazo import``: load clients, projects, items or history from files, or a tracker's work."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from plazo.cli.errors import CommandError
from plazo.cli.import_trackers import (
    TRACKERS,
    add_tracker_arguments,
    check_file_arguments,
    run_tracker,
)
from plazo.core.tracker.export_csv import UNITS

if TYPE_CHECKING:
    from plazo.store.models import Organisation
    from plazo.store.services.importing import ImportReport

__all__ = ["add_parser", "run"]

_KINDS = ("clients", "projects", "items", "history")
_PROGRESS_FROM_ROWS = 1000  # smaller files finish before a bar would be worth drawing


_DESCRIPTION = """\
Import into one organisation, all or nothing: from a CSV or JSON file, from a GitHub
repository's milestones and issues, or from the issues a Jira query finds.

  plazo import FILE --kind clients|projects|items|history [--client NAME]
  plazo import EXPORT.csv --tracker-export [--project NAME] [--estimate-unit seconds]
  plazo import github OWNER/REPO [--token T] [--milestone TITLE|NUMBER] [--client NAME]
  plazo import jira --url https://acme.atlassian.net --jql "project = ABC" [--user EMAIL]

Files: any bad row and nothing is written, every problem listed as FILE:LINE:COLUMN: message
(exit 2). Trackers: milestones and fix versions become projects (due and release dates promised
through the ledger), issues work items; rate limits are waited out. Re-importing updates by
external id instead of duplicating. See docs/import.md."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import",
        help="import from CSV or JSON files, GitHub milestones or a Jira query",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file",
        metavar="FILE|github|jira",
        help="a .csv or .json file, or the tracker to import from",
    )
    parser.add_argument(
        "repository", nargs="?", metavar="OWNER/REPO", help="github: the repository"
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="validate and report what would change; write nothing",
    )
    parser.add_argument("--org", metavar="SLUG", help="organisation (default: the only one)")
    parser.add_argument(
        "--client",
        metavar="NAME",
        help="history and trackers: the client (name or external id) new projects belong to; "
        "created when missing (default: 'Imported history', the GitHub owner, the Jira site)",
    )
    files = parser.add_argument_group("files")
    files.add_argument("--kind", choices=_KINDS, help="what the file holds (required for a file)")
    files.add_argument(
        "--tracker-export",
        action="store_true",
        help="the file is a tracker's CSV export (Jira, Asana, Trello…) imported as work items: "
        "columns guessed by name as on Settings › Import tasks (implies --kind items)",
    )
    files.add_argument(
        "--project",
        metavar="NAME",
        help="--tracker-export: the project (name or external id) every row goes to, when no "
        "column names one",
    )
    files.add_argument(
        "--estimate-unit",
        choices=UNITS,
        help="--tracker-export: what the estimate and time-spent columns count (default: "
        "seconds for Jira's Original Estimate and Time Spent, else hours)",
    )
    add_tracker_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.file in TRACKERS:
        return run_tracker(args)
    _check_export_arguments(args)
    check_file_arguments(args)
    from plazo.cli.django import require_studio, setup_django

    path = Path(args.file)
    text = _read(path)
    setup_django()
    require_studio()

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
    if args.tracker_export:
        if file_format != "csv":
            raise CommandError(f"{args.file}: --tracker-export reads a CSV export")
        text = _from_export(text, organisation, args)
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


def _check_export_arguments(args: argparse.Namespace) -> None:
    """``--tracker-export`` imports work items; its two options need it."""
    if args.tracker_export:
        if args.kind not in (None, "items"):
            raise CommandError("--tracker-export imports work items; leave out --kind or say items")
        args.kind = "items"
        return
    for option in ("project", "estimate_unit"):
        if getattr(args, option) is not None:
            raise CommandError(f"--{option.replace('_', '-')} applies to --tracker-export only")


def _from_export(text: str, organisation: Organisation, args: argparse.Namespace) -> str:
    """The export re-headed as ``--kind items`` reads it, saying on stderr which column is which.

    The guess and the conversion are the Settings › Import tasks page's
    (:mod:`plazo.core.tracker.export_csv`); the page lets a person correct the guess, here the
    columns must carry names the guess knows.
    """
    from dataclasses import replace

    from plazo.core.tracker.export_csv import remap, suggest
    from plazo.store.models import Project

    projects = Project.objects.for_organisation(organisation)
    known = [
        *projects.values_list("name", flat=True),
        *projects.values_list("external_id", flat=True),
    ]
    mapping = suggest(text, [name for name in known if name], project=args.project or "")
    if args.estimate_unit:
        mapping = replace(mapping, estimate_unit=args.estimate_unit)
    if "title" not in mapping.columns:
        raise CommandError(f"{args.file}: no column looks like the task's title (Summary, Name…)")
    if "project" not in mapping.columns and not mapping.project:
        raise CommandError(
            f"{args.file}: no column names a project of the organisation; give --project NAME"
        )
    shown = ", ".join(f"{field} ← {column!r}" for field, column in mapping.columns.items())
    print(f"plazo: columns: {shown}; estimates in {mapping.estimate_unit}", file=sys.stderr)
    return remap(text, mapping)


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


def _counted(n: int, plural: str) -> str:
    """``1 row``, ``2 rows``: one of a thing is singular ("1 rows" reads like a bug)."""
    return f"{n} {plural[:-1] if n == 1 and plural.endswith('s') else plural}"


def _summary(report: ImportReport, slug: str) -> str:
    def part(counts: dict[str, int]) -> str:
        return ", ".join(_counted(n, what) for what, n in sorted(counts.items())) or "nothing"

    verb = ("would create", "would update") if report.dry_run else ("created", "updated")
    lines = [
        f"{_counted(report.rows, 'rows')} of {report.kind} for {slug}"
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
