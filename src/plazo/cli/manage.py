"""``plazo manage …``: Django's management commands (migrate, createsuperuser, shell, …)."""

from __future__ import annotations

import argparse

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "manage",
        help="run a Django management command (migrate, createsuperuser, shell, …)",
        description="Pass the arguments through to Django's management commands, with plazo's "
        "settings. Example: plazo manage createsuperuser",
        add_help=False,
    )
    parser.add_argument(
        "arguments", nargs=argparse.REMAINDER, help="the Django command and its options"
    )
    parser.set_defaults(run=run, pass_through=True)


def run(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    from plazo.cli.django import setup_django

    setup_django()
    arguments = args.arguments or ["help"]
    if arguments[0] in ("-h", "--help"):
        arguments = ["help", *arguments[1:]]
    execute_from_command_line(["plazo manage", *arguments])
    return 0
