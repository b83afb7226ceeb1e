"""A small slice of the checker corpus, so training tests run in seconds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "checker"

__all__ = ["CORPUS", "ROOT", "small_corpus"]


def small_corpus(folder: Path, sources: int = 3, messages: int = 15) -> list[dict[str, Any]]:
    """Copy the first ``messages`` of the first ``sources`` sources per language to ``folder``."""
    rows: list[dict[str, Any]] = []
    for lang_dir in sorted(p for p in CORPUS.iterdir() if p.is_dir() and p.name in ("en", "es")):
        target = folder / lang_dir.name
        target.mkdir(parents=True, exist_ok=True)
        files = sorted(p for p in lang_dir.glob("*.jsonl") if not p.stem.endswith("plazo-v1"))
        for path in files[:sources]:
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
            (target / path.name).write_text("\n".join(lines[:messages]) + "\n", encoding="utf-8")
            rows.extend(json.loads(line) for line in lines[:messages])
    return rows
