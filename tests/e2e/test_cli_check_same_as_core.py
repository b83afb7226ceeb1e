"""``plazo check --json`` as a process reports exactly what ``check`` reports in this process.

The command imports only its own module and runs OpenBLAS on one thread; neither may change a
result. A sample of the corpus, both languages, compared as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plazo.core.check import check

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "checker"


def _sample(lang: str, count: int) -> list[str]:
    files = sorted((CORPUS / lang).glob("*.jsonl"))
    step = max(1, len(files) // count)
    return [
        json.loads(path.read_text(encoding="utf-8").splitlines()[0])["text"]
        for path in files[::step][:count]
    ]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_command_prints_the_core_report_and_exits_by_it(lang: str, tmp_path: Path) -> None:
    for index, text in enumerate(_sample(lang, 2)):
        path = tmp_path / f"{lang}-{index}.txt"
        path.write_text(text, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "plazo", "check", "--json", str(path)],
            capture_output=True,
            timeout=120,
            check=False,
        )
        report = check(text.encode())
        assert json.loads(result.stdout) == report.to_dict()
        assert result.returncode == (0 if report.passes else 1)
