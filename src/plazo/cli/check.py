"""``plazo check``: which of the seven elements a delay message has, with evidence."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from plazo.cli.errors import CommandError

if TYPE_CHECKING:
    from plazo.core.check import CheckReport

__all__ = ["add_parser", "render", "run"]

_MIXED_SHARE = 0.3  # share of the other language's stop words that counts as mixed
_MAX_READ = 1_000_001  # one byte over the core's limit, so it can say "too large"
_COLOURS = {
    "apology": "green",
    "impact": "cyan",
    "assurance": "blue",
    "new_date": "magenta",
    "cause": "yellow",
    "plan": "bright_green",
    "compensation": "bright_cyan",
}


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``plazo check``."""
    parser = subparsers.add_parser(
        "check",
        help="check a delay message for the seven elements and three warnings",
        description=(
            "Reads a delay message (text or HTML, Spanish or English) and shows which of the "
            "seven elements it has (apology, impact, assurance, new_date, cause, plan, "
            "compensation) with the evidence, and warns about vague timing, blaming the client "
            "and not giving a date. Exit 0 when all seven are present and nothing is wrong, "
            "1 otherwise, 2 on bad input. 'plazo check train CORPUS -o MODEL' trains a model "
            "on labelled messages (JSONL); PLAZO_CHECK_MODEL=MODEL makes plazo use it."
        ),
    )
    parser.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="the message file, or - for stdin"
    )
    parser.add_argument(
        "--lang", choices=("auto", "es", "en"), default="auto", help="language (default: auto)"
    )
    parser.add_argument("--json", action="store_true", help="print the DESIGN §5 JSON report")
    parser.add_argument(
        "corpus",
        nargs="*",
        metavar="CORPUS",
        help="with 'train': folders or .jsonl files of labelled messages (docs/checker.md)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="MODEL", help="with 'train': the model file to write"
    )
    parser.add_argument("--seed", type=int, default=13, help="with 'train': the seed (default: 13)")
    parser.set_defaults(run=run)


def _read(name: str) -> bytes:
    """The input's bytes; a missing, unreadable or empty input is named as what it is."""
    if name == "-":
        data = sys.stdin.buffer.read(_MAX_READ)
    else:
        path = Path(name)
        if not path.exists():
            raise CommandError(f"{name}: no such file (give a message file or - for stdin)")
        if path.is_dir():
            raise CommandError(f"{name}: is a directory (give a message file or - for stdin)")
        try:  # not only regular files: /dev/stdin, a pipe, /dev/null
            with path.open("rb") as handle:
                data = handle.read(_MAX_READ)
        except OSError as error:
            raise CommandError(f"{name}: cannot read it ({error.strerror})") from None
    if not data:
        where = "standard input" if name == "-" else name
        raise CommandError(f"{where}: the input is empty; give a delay message")
    return data


def render(report: CheckReport, text: str) -> object:
    """A Rich renderable: the message with coloured evidence, then the elements and warnings."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    message = Text(text)
    for name in report.elements:
        for span in report.elements[name].evidence:
            message.stylize(f"bold {_COLOURS[name]}", span.start, span.end)
    for finding in report.warnings:
        message.stylize("bold white on red", finding.start, finding.end)
    table = Table(title=f"plazo check — {report.lang}, score {report.score}/100")
    table.add_column("element")
    table.add_column("")
    table.add_column("evidence")
    for name, result in report.elements.items():
        mark = Text("✓", style="green") if result.present else Text("✗", style="red")
        evidence = "; ".join(span.text for span in result.evidence[:3])
        table.add_row(Text(name, style=_COLOURS[name]), mark, evidence)
    for finding in report.warnings:
        table.add_row(Text(finding.code, style="red"), Text("!", style="red"), finding.message)
    verdict = "passes" if report.passes else "does not pass"
    return Group(message, Text(""), table, Text(f"The message {verdict}."))


def train(args: argparse.Namespace) -> int:
    """``plazo check train CORPUS... -o MODEL``: train the checker on labelled messages."""
    if not args.corpus or args.output is None:
        raise CommandError("usage: plazo check train CORPUS [CORPUS...] -o MODEL")
    try:
        from plazo.checktrain.cli import train_command
    except ImportError as error:
        raise CommandError(
            f"training needs scikit-learn ({error.name} is missing): pip install 'plazo[train]'"
        ) from None
    return train_command([Path(name) for name in args.corpus], args.output, args.seed)


def run(args: argparse.Namespace) -> int:
    """Check one message; exit 0 if it passes, 1 if not, 2 on bad input."""
    if args.file == "train" and (args.corpus or args.output is not None):
        return train(args)
    if args.corpus or args.output is not None:
        raise CommandError("CORPUS and -o only go with 'plazo check train'")
    # One check is a few small dot products: OpenBLAS's extra threads only cost start-up CPU
    # (about 0.03 s of a 0.3 s process). Set before NumPy is imported; a user's choice stays.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from plazo.core.check import CheckError, CheckModelError, check, language_shares

    data = _read(args.file)
    try:
        report = check(data, lang=args.lang)
        shares = language_shares(data)
    except CheckModelError as error:
        raise CommandError(str(error)) from None
    except CheckError as error:
        raise CommandError(f"{args.file}: {error}") from None
    other = max((share for lang, share in shares.items() if lang != report.lang), default=0.0)
    if other >= _MIXED_SHARE:
        # Rules of one language only: say so rather than silently miss the other part.
        print(
            f"plazo: note: the message mixes languages; it was checked as {report.lang!r} "
            "(split it, or pass --lang)",
            file=sys.stderr,
        )
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        text = data.decode("utf-8-sig")
        Console().print(render(report, text))
    return 0 if report.passes else 1
