"""Precision, recall and F1 of the message checker, measured honestly (issue 13).

Run: ``.venv/bin/python benchmarks/check_eval.py [--corpus corpus/checker] [--errors]``
(needs the ``train`` extra: scikit-learn); ``--cv-only`` runs the grouped cross-validation alone,
without opening the frozen test sources (what model work is decided on); ``--modes combined``
scores one checker only. Prints JSON::

    {"protocol": "...", "languages": {lang: {"messages": {"train", "test"}, "sources": {...},
      "cv": {"rules"|"model"|"combined": {label: {"precision", "recall", "f1", ...},
             "macro_f1"}}, "test": {...the same...}}}, "targets": {...}}

``cv``: 5-fold cross-validation grouped by source over the training sources. ``test``: trained on
every training source, scored on the frozen test sources of ``corpus/checker/split.json``.
``rules`` is the exact rules alone, ``model`` the classifiers on words and characters only,
``combined`` what ``plazo check`` uses. ``--legacy`` scores the shipped checker on the old
message-level corpus in ``tests/data/messages`` instead (in-sample: it is in the training data).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from plazo.core.check import ELEMENTS, WARNINGS, check

__all__ = ["evaluate", "load_corpus", "main", "targets"]

LABELS = (*ELEMENTS, *WARNINGS)
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "corpus" / "checker"
LEGACY_CORPUS = ROOT / "tests" / "data" / "messages"


def load_corpus(folder: Path) -> list[dict[str, Any]]:
    """Every labelled message of every ``*.jsonl`` file under ``folder``."""
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def predicted_labels(text: str, lang: str) -> dict[str, bool]:
    """What the shipped checker says about one message, as corpus-style booleans."""
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
    """The shipped checker's scores per language and label on ``rows``, and the disagreements."""
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


def targets(result: dict[str, Any], mode: str = "combined") -> dict[str, Any]:
    """Issue 13's targets for ``mode``: frozen-split F1 >= 0.90 for every label with >= 5
    positives, and grouped-CV macro-F1 >= 0.90, per language."""
    summary: dict[str, Any] = {}
    for lang, entry in result["languages"].items():
        frozen = entry["test"][mode]
        below = {
            label: frozen[label]["f1"]
            for label in LABELS
            if frozen[label]["positives"] >= 5 and frozen[label]["f1"] < 0.90
        }
        summary[lang] = {
            "test_labels_below_0.90": below,
            "cv_macro_f1": entry["cv"][mode]["macro_f1"],
            "test_macro_f1": frozen["macro_f1"],
            "met": not below and entry["cv"][mode]["macro_f1"] >= 0.90,
        }
    return summary


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation as JSON (and, with --errors, the frozen-split disagreements)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--split", type=Path, default=None, help="default: CORPUS/split.json")
    parser.add_argument("--errors", action="store_true", help="list disagreements on stderr")
    parser.add_argument("--legacy", action="store_true", help="the old message-level corpus")
    parser.add_argument("--given-lang", action="store_true", help="(legacy) the labelled lang")
    parser.add_argument(
        "--cv-only",
        action="store_true",
        help="only the grouped CV on the training sources (test-source files are not read)",
    )
    parser.add_argument(
        "--modes",
        default="rules,model,combined,unstacked",
        help="checkers to score (comma-separated)",
    )
    args = parser.parse_args(argv)
    if args.legacy:
        rows = load_corpus(LEGACY_CORPUS if args.corpus == DEFAULT_CORPUS else args.corpus)
        legacy, legacy_errors = evaluate(rows, auto_lang=not args.given_lang)
        print(json.dumps(legacy, indent=2))
        if args.errors:
            for error in legacy_errors:
                print(f"{error['id']}\t{error['label']}\t{error['error']}", file=sys.stderr)
        return 0
    from plazo.checktrain.evaluate import MODES, cv_only, evaluate_corpus
    from plazo.checktrain.split import SALT, SEED

    if not any(args.corpus.glob("*/*.jsonl")):
        print(f"no <lang>/<source>.jsonl files in {args.corpus}", file=sys.stderr)
        return 2
    modes = [mode for mode in args.modes.split(",") if mode]
    if not modes or any(mode not in MODES for mode in modes):
        print(f"--modes: choose among {', '.join(MODES)}", file=sys.stderr)
        return 2
    split_file = args.split or args.corpus / "split.json"
    if args.cv_only:
        cv = cv_only(args.corpus, split_file, modes)
        output = {
            "protocol": (
                f"cv only: 5 folds grouped by source over the training sources of {split_file}, "
                "second stage and thresholds fitted inside each fold (nested); "
                "the test sources are not read"
            ),
            **cv,
        }
        print(json.dumps(output, indent=2))
        return 0
    result, errors = evaluate_corpus(args.corpus, split_file, modes)
    output = {
        "protocol": (
            f"frozen split {args.corpus / 'split.json'} (sha256 of '{SALT}:{SEED}:<source>'); "
            "cv = 5 folds grouped by source over the training sources, thresholds tuned on the "
            "other folds; test = trained on all training sources, thresholds from cv"
        ),
        **result,
        "targets": targets(result) if "combined" in modes else {},
    }
    print(json.dumps(output, indent=2))
    if args.errors:
        for message_id, label, kind in errors:
            print(f"{message_id}\t{label}\t{kind}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
