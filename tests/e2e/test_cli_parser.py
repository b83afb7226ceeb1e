"""The top-level parser: ``plazo COMMAND`` imports only COMMAND's module, with the same parser."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from plazo.cli import COMMANDS, REGISTERS, build_parser


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    subparsers = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    return list(subparsers.choices)


def test_without_a_command_every_command_is_registered() -> None:
    names = _commands(build_parser())
    assert names == [name for module in COMMANDS for name in REGISTERS.get(module, (module,))]


@pytest.mark.parametrize("module", COMMANDS)
def test_a_command_registers_only_its_module_and_the_module_registers_just_that(
    module: str,
) -> None:
    for name in REGISTERS.get(module, (module,)):
        assert _commands(build_parser(name)) == list(REGISTERS.get(module, (module,)))


def test_an_unknown_word_still_gets_every_command_in_the_error() -> None:
    assert _commands(build_parser("import_")) == _commands(build_parser())
    assert _commands(build_parser("nope")) == _commands(build_parser())


def test_plazo_check_imports_no_other_command_module() -> None:
    code = (
        "import sys\n"
        "from plazo.cli import main\n"
        "main(['check', '--lang', 'en', '--json', '-'])\n"
        "print('MODULES', sorted(m for m in sys.modules if m.startswith('plazo.cli.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=b"Sorry, it will be late.",
        capture_output=True,
        timeout=120,
        check=False,
    )
    last = result.stdout.decode().strip().splitlines()[-1]
    assert last == "MODULES ['plazo.cli.check', 'plazo.cli.errors']"
