"""On a migrated database with no organisation, every command says to run 'plazo init' (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plazo.cli import main
from tests.fresh_home_commands import commands_needing_a_studio, write_inputs

pytestmark = pytest.mark.django_db
COMMANDS = sorted(commands_needing_a_studio(Path(".")))  # the names, for the ids


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_before_init_says_what_to_run(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_inputs(tmp_path)
    argv = commands_needing_a_studio(tmp_path)[name]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "run 'plazo init'" in err
    assert err.count("\n") == 1  # one sentence, one line
    assert "Traceback" not in err
