"""``plazo forecast``: a stateless forecast from a tasks CSV and a history CSV."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from plazo.cli.errors import CommandError

if TYPE_CHECKING:
    from plazo.core.calendar import WorkCalendar
    from plazo.core.forecast import History, ProjectForecast, Task

__all__ = ["add_parser", "iso_date", "run"]

MODEL_CHOICES = ("default", "estimates", "ebs", "sized", "throughput")


def iso_date(text: str) -> date:
    """An argparse type for YYYY-MM-DD dates."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from None


def _positive(kind: type[int] | type[float]) -> Any:
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"must be positive, got {text}")
        return value

    return parse


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``plazo forecast``."""
    parser = subparsers.add_parser(
        "forecast",
        help="forecast effort and finish dates from a tasks CSV and a history CSV",
        description=(
            "Monte Carlo forecast of the remaining tasks (TASKS.csv: task,estimate[,estimator]"
            "[,kind]; a blank estimate is an unestimated item, sized from finished items) from the "
            "team's estimate-versus-actual history (HISTORY.csv, see docs/forecasting.md)."
        ),
    )
    parser.add_argument("--tasks", metavar="TASKS.csv", help="remaining tasks")
    parser.add_argument("--history", metavar="HISTORY.csv", help="finished tasks")
    parser.add_argument(
        "--all",
        action="store_true",
        help="instead of CSVs: re-forecast every active project in the database and store the "
        "results (kept as history); a project that cannot be forecast is named on stderr with "
        "why, the others go on, and the exit code is 1",
    )
    parser.add_argument("--org", help="with --all: only this organisation (slug)")
    parser.add_argument("--start", type=iso_date, metavar="DATE", help="first day of work")
    parser.add_argument("--deadline", type=iso_date, metavar="DATE", help="the promised date")
    parser.add_argument(
        "--capacity", type=_positive(float), metavar="HOURS_PER_WEEK", help="hours of work a week"
    )
    parser.add_argument("--country", metavar="CC", help="public holidays of this country (ES, GB…)")
    parser.add_argument("--subdivision", metavar="CODE", help="region of --country (e.g. MD)")
    parser.add_argument(
        "--trials", type=_positive(int), default=10_000, metavar="N", help="default 10000"
    )
    parser.add_argument("--seed", type=int, metavar="S", help="random seed, for repeatable runs")
    parser.add_argument(
        "--model",
        choices=MODEL_CHOICES,
        default="default",
        help="default: plazo's calibrated model; throughput: count items, from weekly completions",
    )
    parser.add_argument(
        "--weeks",
        type=_positive(int),
        default=None,
        metavar="N",
        help="throughput: the last N weeks of completions before --start (default 12)",
    )
    parser.add_argument(
        "--confidence",
        type=float,
        default=0.85,
        metavar="P",
        help="confidence target of the recommended date (default 0.85)",
    )
    parser.add_argument(
        "--project",
        metavar="NAME",
        help="this project's name in HISTORY.csv: its finished tasks tell how it is running",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read the CSVs, forecast, print."""
    if args.all:
        from plazo.cli.forecast_all import run_all

        return run_all(args)
    if not (args.tasks and args.history):
        raise CommandError("give --tasks and --history (or --all to forecast stored projects)")
    import numpy as np

    from plazo.core.calendar import UnknownHolidayCalendar, WorkCalendar
    from plazo.core.forecast import (
        HistoryError,
        explain_inputs,
        forecast_project,
        measure_growth,
        read_history_csv,
        read_tasks_csv,
    )

    if (args.start is None) != (args.capacity is None) and args.model != "throughput":
        raise CommandError("--start and --capacity go together: give both to get dates")
    if args.deadline is not None and args.start is None:
        raise CommandError("--deadline needs --start (and --capacity, except for throughput)")
    if args.deadline is not None and args.deadline < args.start:
        raise CommandError(f"the deadline {args.deadline} is before the start {args.start}")
    if not 0 < args.confidence < 1:
        raise CommandError(f"--confidence must be between 0 and 1, got {args.confidence}")
    try:
        calendar = WorkCalendar(country=args.country, subdivision=args.subdivision)
        tasks = read_tasks_csv(args.tasks)
        history = read_history_csv(args.history)
        growth = measure_growth(history, args.project)
        if args.model == "throughput":
            forecast = _by_throughput(args, tasks, history, calendar)
        else:
            forecast = forecast_project(
                tasks,
                history,
                start=args.start,
                capacity_hours_per_week=args.capacity,
                deadline=args.deadline,
                calendar=calendar,
                confidence=args.confidence,
                trials=args.trials,
                rng=np.random.default_rng(args.seed),
                model=args.model,
                project=args.project,
                growth=growth,
            )
    except (HistoryError, UnknownHolidayCalendar) as error:
        raise CommandError(str(error)) from None
    except ValueError as error:
        raise CommandError(str(error)) from None
    inputs = explain_inputs(forecast, args.capacity)
    if args.json:
        result = forecast_json(forecast)
        if forecast.model != "throughput":
            result["growth"] = growth_json(forecast, growth.reason, growth.project_rate)
        result["inputs"] = inputs
        print(json.dumps(result, indent=2))
    else:
        _print_table(forecast, inputs)
    return 0


def _by_throughput(
    args: argparse.Namespace, tasks: list[Task], history: History, calendar: WorkCalendar
) -> ProjectForecast:
    """Count the remaining items; the pace is --project's weekly completions, or the team's."""
    from datetime import timedelta

    import numpy as np

    from plazo.core.forecast import DEFAULT_THROUGHPUT_WEEKS, forecast_by_throughput
    from plazo.core.forecast import weekly_throughput as weekly

    mine = history.project == args.project if args.project else np.ones(len(history), bool)
    if not mine.any():
        raise ValueError(f"no finished task of project {args.project!r} in the history")
    completed = history.completed_on[mine]
    last = completed.max().astype("datetime64[D]").astype(object)
    until = args.start - timedelta(days=1) if args.start else last
    since = completed.min().astype("datetime64[D]").astype(object)
    weeks = args.weeks or DEFAULT_THROUGHPUT_WEEKS
    pace = weekly(completed, until=until, calendar=calendar, since=since, weeks=weeks)
    whose = f"project {args.project}" if args.project else "the whole history"
    return forecast_by_throughput(
        len(tasks),
        pace,
        start=args.start or until + timedelta(days=1),
        rng=np.random.default_rng(args.seed),
        capacity_hours_per_week=args.capacity,
        deadline=args.deadline,
        calendar=calendar,
        confidence=args.confidence,
        trials=args.trials,
        reason=f"throughput of {whose} over {pace.weeks} week(s) up to {until.isoformat()}",
        remaining_hours=sum(t.estimate_hours or 0.0 for t in tasks),
        unestimated_items=sum(1 for t in tasks if t.estimate_hours is None),
    )


def growth_json(
    forecast: ProjectForecast, reason: str, project_rate: float | None = None
) -> dict[str, Any]:
    """The forecast with scope growth, beside the one without (DESIGN §5 ``"growth"``).

    ``rate`` is the team's mean added work per unit of known work, which the trials draw from;
    ``project_rate`` the project's own (``--project``), for comparison.
    """
    grown = forecast.growth
    if grown is None:
        return {"observations": 0, "reason": reason}
    result: dict[str, Any] = {
        "rate": round(grown.rate, 4),
        "observations": grown.observations,
        "project_rate": None if project_rate is None else round(project_rate, 4),
        "known_hours": round(grown.known_hours, 2),
        "effort": {
            "p50": round(grown.effort_p50_hours, 2),
            "p85": round(grown.effort_p85_hours, 2),
            "p95": round(grown.effort_p95_hours, 2),
        },
    }
    if grown.finish_p50_on is not None:
        result["finish"] = {
            "p50": grown.finish_p50_on.isoformat(),
            "p85": grown.finish_p85_on.isoformat() if grown.finish_p85_on else None,
            "p95": grown.finish_p95_on.isoformat() if grown.finish_p95_on else None,
        }
    if grown.p_on_time is not None:
        result["p_on_time"] = grown.p_on_time
    result["recommended_date"] = grown.recommended_on.isoformat() if grown.recommended_on else None
    return result


def forecast_json(forecast: ProjectForecast) -> dict[str, Any]:
    """The JSON shape of DESIGN §5 (plus history_size, remaining_hours, confidence, reason)."""
    result: dict[str, Any] = {
        "effort": {
            "p50": round(forecast.effort_p50_hours, 2),
            "p85": round(forecast.effort_p85_hours, 2),
            "p95": round(forecast.effort_p95_hours, 2),
        }
    }
    if forecast.finish_p50_on is not None:
        result["finish"] = {
            "p50": forecast.finish_p50_on.isoformat(),
            "p85": forecast.finish_p85_on.isoformat() if forecast.finish_p85_on else None,
            "p95": forecast.finish_p95_on.isoformat() if forecast.finish_p95_on else None,
        }
    if forecast.p_on_time is not None:
        result["p_on_time"] = forecast.p_on_time
    recommended = forecast.recommended_on
    result["recommended_date"] = recommended.isoformat() if recommended else None
    result.update(
        model=forecast.model,
        trials=forecast.trials,
        history_size=forecast.history_size,
        remaining_hours=round(forecast.remaining_hours, 2),
        remaining_items=forecast.remaining_items,
        unestimated=forecast.unestimated_items,
        confidence=forecast.confidence,
        reason=forecast.reason,
    )
    if forecast.effort_unit != "hours":
        result["effort_unit"] = forecast.effort_unit
    return result


def _print_table(forecast: ProjectForecast, inputs: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Forecast ({forecast.model}, {forecast.trials:,} trials)")
    table.add_column("")
    for label in ("P50", "P85", "P95"):
        table.add_column(label, justify="right")
    efforts = (forecast.effort_p50_hours, forecast.effort_p85_hours, forecast.effort_p95_hours)
    unit = "h" if forecast.effort_unit == "hours" else forecast.effort_unit
    table.add_row(f"effort ({unit})", *(f"{e:,.1f}" for e in efforts))
    finishes = (forecast.finish_p50_on, forecast.finish_p85_on, forecast.finish_p95_on)
    if finishes[0] is not None:
        table.add_row("finish", *(d.isoformat() if d else "" for d in finishes))
    grown = forecast.growth
    if grown is not None:
        table.add_row(
            "effort with growth (h)",
            *(f"{e:,.1f}" for e in (grown.effort_p50_hours, grown.effort_p85_hours,
                                     grown.effort_p95_hours)),
        )  # fmt: skip
        if grown.finish_p50_on is not None:
            grown_finishes = (grown.finish_p50_on, grown.finish_p85_on, grown.finish_p95_on)
            table.add_row(
                "finish with growth", *(d.isoformat() if d else "" for d in grown_finishes)
            )
    console = Console()
    console.print(table)
    console.print(inputs)
    console.print(f"remaining estimates: {forecast.remaining_hours:,.1f} h")
    console.print(f"history: {forecast.history_size:,} finished tasks")
    if forecast.p_on_time is not None:
        console.print(f"probability of finishing by the deadline: {forecast.p_on_time:.0%}")
    if forecast.recommended_on is not None:
        console.print(
            f"recommended date ({forecast.confidence:.0%} confidence): "
            f"{forecast.recommended_on.isoformat()}"
        )
    if forecast.reason:
        console.print(f"note: {forecast.reason}")
