"""The ``plazo`` command: one argparse parser, one module per sub-command.

Each module in ``COMMANDS`` exposes ``add_parser(subparsers)``, which registers its sub-command and
sets ``run`` (a function ``argparse.Namespace -> int``) as the parser default. Modules import heavy
libraries inside ``run`` so that ``plazo --help`` stays instant, and ``main`` imports only the
module of the command being run (``REGISTERS`` names the commands of a module not named after
them). Commands that need the database call :func:`plazo.cli.django.setup_django` first; core-only
commands (``check``, ``forecast``, ``backtest``, ``policy``) never need it (``policy default``
only looks, when a home's database exists, for the studio's language to print the file in).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from plazo import __version__
from plazo.cli.errors import CommandError

__all__ = ["COMMANDS", "REGISTERS", "build_parser", "main"]

COMMANDS = (
    "init",
    "demo",
    "serve",
    "manage",
    "worker",
    "forecast",
    "backtest",
    "check",
    "policy",
    "ledger",
    "offers",
    "preview",
    "import_",
    "token",
    "webhook",
    "unlock",
    "backup",
)


# The sub-commands a module registers, where they are not just the module's name.
REGISTERS = {"import_": ("import",), "backup": ("backup", "restore")}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Return the top-level parser with every sub-command registered, or only ``command``'s
    module when it names one (``plazo check FILE`` then imports none of the other commands)."""
    parser = argparse.ArgumentParser(
        prog="plazo",
        description="Keeps clients informed and promises kept.",
        epilog="Run 'plazo COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"plazo {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show full tracebacks instead of one-line errors"
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    modules = [m for m in COMMANDS if command in REGISTERS.get(m, (m,))] or COMMANDS
    for name in modules:
        importlib.import_module(f"plazo.cli.{name}").add_parser(subparsers)
    return parser


def _command(args: Sequence[str]) -> str | None:
    """The sub-command named in ``args``: the first argument that is not an option (the
    top-level options take no value)."""
    return next((arg for arg in args if not arg.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command(args_list))
    if not args_list:
        parser.print_help()
        return 2
    args, extra = parser.parse_known_args(args_list)
    if extra:
        if not getattr(args, "pass_through", False):
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        args.arguments = [*extra, *args.arguments]
    run = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return 2
    try:
        code: int = run(args)
    except CommandError as error:
        if args.debug:
            raise
        print(f"plazo: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("plazo: interrupted", file=sys.stderr)
        return 130
    return code
