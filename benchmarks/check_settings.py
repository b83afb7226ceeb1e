"""Grouped CV of the checker with non-default ``Settings``, scored overall and per writer group.

Run: ``.venv/bin/python benchmarks/check_settings.py [--block-scale 3] [--c 8] [--min-df 4]
[--clauses all|LABEL,...] [--alone 0|1] [--clause-rows 0|1] [--context 0|1]
[--class-weight balanced|none] [--label-c LABEL=C,...] [--stack-c 0.5,1,2] [--sure 0.7,0.8]
[--support 0.2] [--cache DIR]``
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

``--stack-c``, ``--sure`` and ``--support`` take comma-separated values: they change only the
second stage and the decision, so the first stage is fitted once (``nested_sentence_probabilities``)
and every combination is decided from it (``stacked_decisions``), each exactly as
``grouped_cv_decisions`` would. With more than one combination, each language's JSON holds one
entry per combination, named like ``stack_c=1,sure=0.8,support=0.2``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

import plazo
from plazo.checktrain.corpus import Example, load_messages, to_example
from plazo.checktrain.evaluate import _combined, _truth, scores, training_files
from plazo.checktrain.train import (
    Settings,
    fold_of,
    grouped_cv_decisions,
    nested_sentence_probabilities,
    stacked_decisions,
)
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


def numbers(text: str) -> list[float]:
    """Comma-separated floats."""
    return [float(value) for value in text.split(",") if value]


def label_values(text: str) -> tuple[tuple[str, float], ...]:
    """``LABEL=VALUE,...`` as ((label, value), ...)."""
    pairs = [item.split("=", 1) for item in text.split(",") if item]
    if any(len(pair) != 2 for pair in pairs):
        raise SystemExit(f"expected LABEL=VALUE,...: {text}")
    label_set(",".join(name for name, _ in pairs))
    return tuple((name, float(value)) for name, value in pairs)


def cached_examples(
    rows: list[dict[str, object]], langs: list[str], folder: Path | None
) -> list[Example]:
    """``to_example`` of the rows in ``langs``, kept in ``folder`` under a key made of the rows
    and every source file of ``plazo`` (so a changed corpus, rule or feature is not reused)."""
    chosen = [row for row in rows if row["lang"] in langs]
    if folder is None:
        return [to_example(row) for row in chosen]
    key = hashlib.sha256(json.dumps(chosen, sort_keys=True).encode())
    for path in sorted(Path(plazo.__file__).parent.rglob("*.py")):
        key.update(path.read_bytes())
    target = folder / f"examples-{key.hexdigest()[:16]}.pickle"
    if target.exists():
        with target.open("rb") as handle:
            cached: list[Example] = pickle.load(handle)
        return cached
    examples = [to_example(row) for row in chosen]
    folder.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        pickle.dump(examples, handle)
    return examples


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
    parser.add_argument("--class-weight", choices=("balanced", "none"), help="both stages")
    parser.add_argument("--label-c", help="Settings.label_c: LABEL=C,...")
    parser.add_argument("--stack-c", type=numbers, help="second stage C, comma-separated")
    parser.add_argument("--sure", type=numbers, help="Settings.sure, comma-separated")
    parser.add_argument("--support", type=numbers, help="Settings.support, comma-separated")
    parser.add_argument("--cache", type=Path, help="folder keeping the examples between runs")
    args = parser.parse_args(argv)
    started = time.monotonic()
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
    if args.class_weight is not None:
        settings = replace(
            settings, class_weight=None if args.class_weight == "none" else args.class_weight
        )
    if args.label_c is not None:
        settings = replace(settings, label_c=label_values(args.label_c))
    variants = {
        f"stack_c={c:g},sure={sure:g},support={support:g}": replace(
            settings, stack_c=c, sure=sure, support=support
        )
        for c in args.stack_c or [settings.stack_c]
        for sure in args.sure or [settings.sure]
        for support in args.support or [settings.support]
    }
    settings = next(iter(variants.values()))
    older = tuple(OLDER.split(","))
    langs = args.langs.split(",")
    rows = load_messages(training_files(args.corpus, args.corpus / "split.json"))
    examples = cached_examples(rows, langs, args.cache)
    print(f"examples: {time.monotonic() - started:.0f} s", file=sys.stderr)
    if args.by_writer:
        examples = [replace(e, source=e.id.split("-", 1)[0]) for e in examples]
    result: dict[str, object] = {"settings": asdict(settings), "by_writer": args.by_writer}
    for lang in langs:
        train = [e for e in examples if e.lang == lang]
        is_older = np.array([e.id.startswith(older) for e in train])
        truth = _truth(train)
        rules = _combined(train)
        if len(variants) == 1:
            decided = {"": grouped_cv_decisions(train, settings, rules)}
        else:
            outer, inner = nested_sentence_probabilities(train, settings)
            folds = fold_of(train, settings.folds, settings.seed)
            decided = {
                name: stacked_decisions(train, chosen, folds, outer, inner, rules)
                for name, chosen in variants.items()
            }
        scored = {
            name: {
                "all": scores(truth, present),
                "older": scores(truth[is_older], present[is_older]),
                "newer": scores(truth[~is_older], present[~is_older]),
            }
            for name, present in decided.items()
        }
        result[lang] = scored[""] if len(variants) == 1 else scored
        print(f"{lang}: {time.monotonic() - started:.0f} s", file=sys.stderr)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
