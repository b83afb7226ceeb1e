"""The checker's full output on every training message, to prove a speed change changes nothing.

Run: ``.venv/bin/python benchmarks/check_outputs.py OUT.jsonl`` writes, for each message of the
training sources (``training_files``: the frozen test sources are never opened), one JSON line
with the report of ``check`` (rules + model: elements, probabilities, evidence spans, warnings,
score), the rules' report alone, and what the rules found on the way (every rule's kept and
ruled-out spans, the dates and the new dates). Run it on two trees and compare:

    PYTHONPATH=/work/main/src .venv/bin/python benchmarks/check_outputs.py /tmp/before.jsonl
    .venv/bin/python benchmarks/check_outputs.py /tmp/after.jsonl --compare /tmp/before.jsonl

With ``--compare`` it prints how many lines differ (and the first differing messages' ids) and
exits 1 when any does. OUT holds corpus text: keep it outside the repository (``/tmp``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from plazo.checktrain.corpus import load_messages
from plazo.checktrain.evaluate import training_files
from plazo.core.check import CheckError, check, check_with
from plazo.core.check.engine import analyse

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "checker"


def outputs(row: dict[str, Any]) -> dict[str, Any]:
    """Everything the checker says about one message."""
    text = row["text"]
    try:
        analysis = analyse(text, "auto")
    except CheckError as error:
        return {"id": row["id"], "error": str(error)}
    return {
        "id": row["id"],
        "check": check(text).to_dict(),
        "rules": check_with(text, row["lang"], None).to_dict(),
        "found": analysis.found,
        "raw": analysis.raw,
        "dropped": analysis.dropped,
        "dates": analysis.dates,
        "new_dates": analysis.new_dates,
    }


def main(argv: list[str] | None = None) -> int:
    """Write the outputs; with ``--compare``, count the lines that differ from another run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="an earlier run's file")
    args = parser.parse_args(argv)
    rows = load_messages(training_files(CORPUS, CORPUS / "split.json"))
    lines = [json.dumps(outputs(row), sort_keys=True, ensure_ascii=False) for row in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.compare is None:
        print(json.dumps({"messages": len(lines)}))
        return 0
    before = args.compare.read_text(encoding="utf-8").splitlines()
    differing = [
        json.loads(new)["id"] for old, new in zip(before, lines, strict=False) if old != new
    ]
    result = {
        "messages": len(lines),
        "messages_before": len(before),
        "differing": len(differing) + abs(len(lines) - len(before)),
        "first_differing": differing[:10],
    }
    print(json.dumps(result))
    return 0 if result["differing"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
