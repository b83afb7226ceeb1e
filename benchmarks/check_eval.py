"""Precision, recall and F1 of the message checker per label and language on the labelled corpus.

Run: ``.venv/bin/python benchmarks/check_eval.py [--corpus tests/data/messages] [--errors LABEL]``
Prints JSON: {lang: {label: {"precision", "recall", "f1", "tp", "fp", "fn"}}, "messages": {...}}.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from plazo.core.check import ELEMENTS, WARNINGS, check

__all__ = ["evaluate", "load_corpus", "main"]

LABELS = (*ELEMENTS, *WARNINGS)
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "messages"


def load_corpus(folder: Path) -> list[dict[str, Any]]:
    """Every labelled message of every ``*.jsonl`` file in ``folder``."""
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def predicted_labels(text: str, lang: str) -> dict[str, bool]:
    """What the checker says about one message, as corpus-style booleans."""
    report = check(text, lang=lang)
    found = {name: report.elements[name].present for name in ELEMENTS}
    codes = report.warning_codes
    found.update({code: code in codes for code in WARNINGS})
    return found


def _f1(tp: int, fp: int, fn: int) -> dict[str, Any]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def evaluate(
    rows: list[dict[str, Any]], auto_lang: bool = True
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Scores per language and label, and the list of disagreements."""
    counts: dict[str, dict[str, list[int]]] = {}
    errors: list[dict[str, Any]] = []
    for row in rows:
        lang = row["lang"]
        got = predicted_labels(row["text"], "auto" if auto_lang else lang)
        per_label = counts.setdefault(lang, {label: [0, 0, 0] for label in LABELS})
        for label in LABELS:
            want = bool(row["labels"][label])
            if want and got[label]:
                per_label[label][0] += 1
            elif got[label]:
                per_label[label][1] += 1
                errors.append({"id": row["id"], "label": label, "error": "fp"})
            elif want:
                per_label[label][2] += 1
                errors.append({"id": row["id"], "label": label, "error": "fn"})
    result: dict[str, Any] = {
        lang: {label: _f1(*c) for label, c in per_label.items()}
        for lang, per_label in sorted(counts.items())
    }
    result["messages"] = {lang: sum(1 for r in rows if r["lang"] == lang) for lang in counts}
    return result, errors


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation as JSON (and, with --errors, the disagreements on stderr)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--errors", action="store_true", help="list disagreements on stderr")
    parser.add_argument("--given-lang", action="store_true", help="pass the labelled language")
    args = parser.parse_args(argv)
    rows = load_corpus(args.corpus)
    if not rows:
        print(f"no *.jsonl messages in {args.corpus}", file=sys.stderr)
        return 2
    result, errors = evaluate(rows, auto_lang=not args.given_lang)
    print(json.dumps(result, indent=2))
    if args.errors:
        for error in errors:
            print(f"{error['id']}\t{error['label']}\t{error['error']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
