"""``plazo backtest``: how well each model's percentiles held on a history (DESIGN §5 protocol)."""

from __future__ import annotations

import argparse
import json
import math
from typing import TYPE_CHECKING, Any

from plazo.cli.errors import CommandError

if TYPE_CHECKING:
    from plazo.core.forecast import BacktestReport

__all__ = ["add_parser", "report_json", "run"]


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``plazo backtest``."""
    parser = subparsers.add_parser(
        "backtest",
        help="replay a history and report how often each model's percentiles were met",
        description=(
            "For each project with at least 10 tasks, forecast the rest at 25, 50 and 75 % done "
            "from what was known then, and score P50/P85/P95 against what it really took."
        ),
    )
    parser.add_argument("history", metavar="HISTORY.csv", help="finished tasks")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--seed", type=int, metavar="S", help="random seed, for repeatable runs")
    parser.add_argument(
        "--model",
        choices=("default", "ebs", "sized", "sized+growth", "throughput"),
        default="default",
        help="the model reported as plazo's, beside the baselines; throughput is scored on the "
        "working days until the last remaining task was done",
    )
    parser.add_argument(
        "--as-known-then",
        action="store_true",
        help="at each cut the forecaster sees only the tasks created by then (needs a created_on "
        "column); the truth is every task finished after the cut. Adds sized+growth",
    )
    parser.add_argument("--trials", type=int, default=10_000, metavar="N", help="default 10000")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read the history, run the protocol with a progress bar on stderr, print the report."""
    import numpy as np
    from rich.console import Console
    from rich.progress import Progress

    from plazo.core.forecast import (
        AS_KNOWN_THEN,
        DEFAULT_MODEL,
        HistoryError,
        backtest,
        read_history_csv,
    )

    if args.trials < 1:
        raise CommandError(f"--trials must be at least 1, got {args.trials}")
    model = DEFAULT_MODEL if args.model == "default" else args.model
    try:
        history = read_history_csv(args.history)
    except HistoryError as error:
        raise CommandError(str(error)) from None
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("backtest", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        models = ["estimates", "ebs", model]
        if args.as_known_then:
            models = ["estimates", "ebs", DEFAULT_MODEL, "sized+growth", model]
        elif model == "throughput":
            models = ["estimates", "ebs", DEFAULT_MODEL, model]
        try:
            report = backtest(
                history,
                rng=np.random.default_rng(args.seed),
                models=tuple(dict.fromkeys(models)),
                default=model,
                trials=args.trials,
                progress=advance,
                protocol=AS_KNOWN_THEN if args.as_known_then else "standard",
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
    if args.json:
        print(json.dumps(report_json(report), indent=2))
    else:
        _print_table(report)
    return 0


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def report_json(report: BacktestReport) -> dict[str, Any]:
    """The JSON shape of DESIGN §5."""
    return {
        "forecasts": report.forecasts,
        "protocol": report.protocol,
        "default": report.default,
        "models": {
            name: {
                "coverage": {f"p{round(p * 100)}": _number(c) for p, c in score.coverage.items()},
                "calibration_error": _number(score.calibration_error),
                "pinball": _number(score.pinball),
            }
            for name, score in report.models.items()
        },
    }


def _print_table(report: BacktestReport) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"Backtest ({report.protocol}): {report.forecasts} forecasts "
        f"(plazo's model: {report.default})"
    )
    for label in ("model", "P50 met", "P85 met", "P95 met", "calibration error", "pinball"):
        table.add_column(label, justify="left" if label == "model" else "right")
    for name, score in report.models.items():
        cells = [*(score.coverage.values()), score.calibration_error, score.pinball]
        table.add_row(name, *("–" if math.isnan(c) else f"{c:.3f}" for c in cells))
    Console().print(table)
