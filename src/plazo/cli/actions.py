"""Commands made of actions (``plazo token create|list|revoke``): their ACTION sub-parsers."""

from __future__ import annotations

import argparse
import sys

__all__ = ["add_actions"]


def add_actions(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """The command's ACTION sub-parsers; the command without an action prints its help (exit 2)."""
    parser.set_defaults(run=lambda args: _usage(parser))
    return parser.add_subparsers(title="actions", metavar="ACTION")


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2
