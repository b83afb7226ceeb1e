"""Run the real ``plazo`` command in a subprocess with its own environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

__all__ = ["run_plazo"]


def run_plazo(
    *args: str, home: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m plazo ARGS`` with PLAZO_HOME=home; other settings from ``env`` only."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PLAZO_", "DJANGO_"))}
    base.pop("DATABASE_URL", None)
    # English whatever the machine speaks (plazo init asks in the terminal's language).
    base.update({"PLAZO_HOME": str(home), "COLUMNS": "160", "LANGUAGE": "en", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "plazo", *args],
        capture_output=True,
        text=True,
        env=base,
        input=stdin,
        timeout=120,
    )
