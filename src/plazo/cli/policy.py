"""``plazo policy``: check a compensation policy file, or explain what it offers for a slip."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from plazo.cli.actions import add_actions
from plazo.cli.errors import CommandError

if TYPE_CHECKING:
    from plazo.core.policy import Decision, Policy

__all__ = ["add_parser", "run_check", "run_default", "run_explain"]

_CAUSES = ("ours", "client", "scope_change", "third_party", "force_majeure")


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "policy",
        help="check a compensation policy or explain the offer it makes for a slip",
        description="The compensation policy turns a slip into an offer (discount, credit on a "
        "future project, free extras) within caps. See docs/policy.md for the TOML format.",
    )
    actions = add_actions(parser)

    check = actions.add_parser(
        "check",
        help="validate a policy file",
        description="Validate a policy TOML file. Prints every problem as FILE:LINE:COL: message; "
        "exit 0 when valid, 2 when not.",
    )
    check.add_argument("file", metavar="FILE", help="the policy TOML file")
    check.set_defaults(run=run_check)

    explain = actions.add_parser(
        "explain",
        help="show the offer for a slip and the rule that decides it",
        description="Decide the offer for one slip under a policy (default: plazo's own) and say "
        "which rule fired and why.",
    )
    explain.add_argument("--slip-days", type=int, required=True, help="slip in working days")
    explain.add_argument("--value", required=True, help="project value, e.g. 12000 or 12000.50")
    explain.add_argument("--currency", required=True, help="ISO 4217 code, e.g. EUR")
    explain.add_argument("--planned-days", type=int, help="planned duration in working days")
    explain.add_argument(
        "--repeat", type=int, default=0, help="how many times this project already slipped"
    )
    explain.add_argument("--cause", choices=_CAUSES, default="ours", help="whose doing the slip is")
    explain.add_argument("--tier", default="standard", help="the client's tier (default standard)")
    explain.add_argument(
        "--lead-days", type=int, help="working days between the notice and the missed deadline"
    )
    explain.add_argument("--lang", choices=("en", "es"), default="en", help="explanation language")
    explain.add_argument("--policy", metavar="FILE", help="a policy TOML file (default: plazo's)")
    explain.add_argument("--json", action="store_true", help="print JSON instead of a table")
    explain.set_defaults(run=run_explain)

    default = actions.add_parser(
        "default",
        help="print the default policy (a starting point for your own)",
        description="Print plazo's default policy TOML, comments and all, with its comments in "
        "English or Spanish (the same file the dashboard's policy page starts from).",
    )
    default.add_argument(
        "--language",
        "--lang",
        choices=("en", "es"),
        help="language of the comments (default: your clients' usual language, the "
        "organisation's on this plazo home when there is one; else en)",
    )
    default.set_defaults(run=run_default)


def _read(path_text: str) -> str:
    path = Path(path_text)
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        raise CommandError(f"no such file: {path_text}") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read {path_text}: {error}") from None


def run_check(args: argparse.Namespace) -> int:
    """Validate the file; every problem on its own line, exit 2 when there is any."""
    from plazo.core.policy import PolicyError, load_policy

    text = _read(args.file)
    try:
        policy = load_policy(text, source=args.file)
    except PolicyError as error:
        for issue in error.errors:
            print(issue.format(args.file))
        count = len(error.errors)
        print(f"plazo: {args.file}: {count} error{'s' if count != 1 else ''}", file=sys.stderr)
        return 2
    print(f"{args.file}: ok ({len(policy.rules)} rules)")
    return 0


def run_default(args: argparse.Namespace) -> int:
    """Print the shipped policy, commented in the language asked for or the studio's."""
    from plazo.core.policy import default_policy_text

    sys.stdout.write(default_policy_text(args.language or _studio_language() or "en"))
    return 0


def _studio_language() -> str | None:
    """The clients' usual language of the studio on this home, or None when it is not known.

    Best effort, and never a side effect: no database file (a fresh home) is not created by
    asking, and an unreadable or unreachable database, or organisations that disagree, mean
    "not known" (the caller prints the English file), never an error.
    """
    from plazo.cli.django import setup_django

    try:
        setup_django()
    except CommandError:
        return None
    from django.db import DatabaseError, connection

    if connection.vendor == "sqlite" and not Path(str(connection.settings_dict["NAME"])).exists():
        return None
    from plazo.store.services.access.studio import studio_language

    try:
        return studio_language()
    except DatabaseError:
        return None


def _load(path_text: str | None) -> Policy:
    from plazo.core.policy import PolicyError, default_policy, load_policy

    if path_text is None:
        return default_policy()
    try:
        return load_policy(_read(path_text), source=path_text)
    except PolicyError as error:
        raise CommandError(
            f"the policy {path_text} is invalid (run 'plazo policy check {path_text}'):\n{error}"
        ) from None


def run_explain(args: argparse.Namespace) -> int:
    """Decide and explain one situation."""
    from babel.numbers import list_currencies

    from plazo.core.policy import Situation, decide

    try:
        value = Decimal(args.value)
    except InvalidOperation:
        raise CommandError(
            f"--value must be a number such as 12000.50, got {args.value!r}"
        ) from None
    currency = args.currency.upper()
    if currency not in list_currencies():
        raise CommandError(
            f"--currency must be an ISO 4217 code such as EUR, got {args.currency!r}"
        )
    checks = (
        ("--slip-days", args.slip_days, 0),
        ("--value", value, 0),
        ("--repeat", args.repeat, 0),
        ("--planned-days", args.planned_days, 1),
    )
    for option, number, minimum in checks:
        if number is not None and not number >= minimum:
            raise CommandError(f"{option} must be at least {minimum}, got {number}")
    policy = _load(args.policy)
    situation = Situation(
        slip_working_days=args.slip_days,
        planned_working_days=args.planned_days,
        value=value,
        currency=currency,
        tier=args.tier,
        repeat=args.repeat,
        cause=args.cause,
        notice_lead_working_days=args.lead_days,
    )
    decision = decide(policy, situation, lang=args.lang)
    if args.json:
        print(json.dumps(decision.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_table(decision, args.lang)
    return 0


def _print_table(decision: Decision, lang: str) -> None:
    from babel.numbers import format_currency
    from rich.console import Console
    from rich.table import Table

    console = Console()
    headings = {"en": ("Kind", "Offer", "Amount"), "es": ("Tipo", "Oferta", "Importe")}[lang]
    table = Table(title=f"{decision.rule}", title_justify="left")
    table.add_column(headings[0])
    table.add_column(headings[1])
    table.add_column(headings[2], justify="right")
    for offer in decision.offers:
        amount = format_currency(offer.amount, offer.currency, locale=lang)
        table.add_row(str(offer.kind), offer.description, amount)
    if decision.offers:
        console.print(table)
    console.print(decision.reason, highlight=False)
