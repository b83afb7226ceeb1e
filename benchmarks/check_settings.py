"""Grouped CV of the checker with non-default ``Settings``, scored overall and per writer group.

Run: ``.venv/bin/python benchmarks/check_settings.py [--block-scale 3] [--c 8] [--min-df 4]
[--clauses all|LABEL,...] [--alone 0|1] [--clause-rows 0|1] [--context 0|1]``
(needs the ``train`` extra). One nested grouped cross-validation per language over the TRAINING
sources only (the frozen test sources are never opened), with the same functions and folds as
``check_eval.py --cv-only --modes combined`` (its ``cv.combined`` figures) and as
``check_writers.py`` (its ``all_on_older`` / ``all_on_newer`` figures), computed once instead of
twice. Prints JSON: {lang: {"all" | "older" | "newer": {label: {...}, "macro_f1"}}}.

``--by-writer`` groups the folds by WRITER instead of by source (a writer is the id's first part,
``ena``, ``esq``…): every message is then decided by models that never saw a message of its
writer, in the outer and the inner folds alike. That is the closest the corpus comes to "messages
written by someone the model never learned from"; grouping by source lets a writer's other sources
into training.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from plazo.checktrain.corpus import load_messages, to_example
from plazo.checktrain.evaluate import _combined, _truth, scores, training_files
from plazo.checktrain.train import Settings, grouped_cv_decisions
from plazo.core.check.learned import LABELS

OLDER = "ena-,enb-,enc-,end-,enf-,esa-,esb-,esc-,esd-,esf-"
WORD_PREFIXES = ("w:", "b:", "n:", "s:")


def label_set(text: str) -> tuple[str, ...]:
    """``all``, ``none`` or comma-separated labels."""
    if text == "all":
        return LABELS
    chosen = tuple(name for name in text.split(",") if name and name != "none")
    unknown = set(chosen) - set(LABELS)
    if unknown:
        raise SystemExit(f"unknown labels: {sorted(unknown)}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus/checker"))
    parser.add_argument("--block-scale", type=float, default=0.0, help="word-level scale (0: off)")
    parser.add_argument("--c", type=float, default=None)
    parser.add_argument("--min-df", type=int, default=None)
    parser.add_argument("--langs", default="en,es")
    parser.add_argument("--by-writer", action="store_true", help="folds grouped by writer")
    parser.add_argument("--clauses", help="Settings.clauses: all, none or labels (a,b)")
    parser.add_argument("--alone", type=int, choices=(0, 1), help="Settings.alone")
    parser.add_argument("--context", type=int, choices=(0, 1), help="Settings.context")
    parser.add_argument("--clause-rows", type=int, choices=(0, 1), help="Settings.clause_rows")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.block_scale:
        settings = replace(
            settings, block_scale=tuple((p, args.block_scale) for p in WORD_PREFIXES)
        )
    if args.c is not None:
        settings = replace(settings, c=args.c)
    if args.min_df is not None:
        settings = replace(settings, min_df=args.min_df)
    if args.clauses is not None:
        settings = replace(settings, clauses=label_set(args.clauses))
    if args.alone is not None:
        settings = replace(settings, alone=bool(args.alone))
    if args.context is not None:
        settings = replace(settings, context=bool(args.context))
    if args.clause_rows is not None:
        settings = replace(settings, clause_rows=bool(args.clause_rows))
    older = tuple(OLDER.split(","))
    rows = load_messages(training_files(args.corpus, args.corpus / "split.json"))
    examples = [to_example(row) for row in rows]
    if args.by_writer:
        examples = [replace(e, source=e.id.split("-", 1)[0]) for e in examples]
    result: dict[str, object] = {"settings": asdict(settings), "by_writer": args.by_writer}
    for lang in args.langs.split(","):
        train = [e for e in examples if e.lang == lang]
        is_older = np.array([e.id.startswith(older) for e in train])
        truth = _truth(train)
        decided = grouped_cv_decisions(train, settings, _combined(train))
        result[lang] = {
            "all": scores(truth, decided),
            "older": scores(truth[is_older], decided[is_older]),
            "newer": scores(truth[~is_older], decided[~is_older]),
        }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
