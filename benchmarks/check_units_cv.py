"""Leave-writer-out CV of the checker with clause units at several settings, sharing the fits.

Run: ``.venv/bin/python benchmarks/check_units_cv.py [--langs es] [--words 2,3,4] [--sets
"all;new_date"] [--alone 1] [--by-source]`` (needs the ``train`` extra). Clause units change only
how the first stage's sentence probabilities are read (``Settings.clauses``), not the first stage
itself, so one nested grouped cross-validation (the 5 + 10 first-stage fits of
``train.grouped_cv_decisions`` per language) serves every variant: ``plain`` (clauses off, the
baseline) and ``clauses<N>:<set>`` (a clause needs N words on each side, ``units.MIN_WORDS`` being
the default; the set of labels read from clauses, ``all`` or comma-separated labels; sets are
separated by ``;``). Each variant's second stage and thresholds are then fitted exactly as
``grouped_cv_decisions`` fits them. TRAINING sources only; folds grouped by writer (as
``check_settings.py --by-writer``) unless ``--by-source``. Prints JSON like ``check_settings.py``:
{lang: {variant: {"all" | "older" | "newer": scores}}}.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from plazo.checktrain.corpus import Example, load_messages, to_example
from plazo.checktrain.evaluate import _combined, _truth, scores, training_files
from plazo.checktrain.train import (
    Settings,
    decide,
    fit_language,
    fit_stacker,
    fold_of,
    sentence_probabilities,
    stacked_probabilities,
    top_probabilities,
)
from plazo.core.check.engine import analyse, clause_units, sentence_signals, sentences
from plazo.core.check.features import lexical_features
from plazo.core.check.learned import LABELS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_settings import label_set

OLDER = "ena-,enb-,enc-,end-,enf-,esa-,esb-,esc-,esd-,esf-"
Floats = npt.NDArray[np.float64]


def with_clauses(row: dict[str, object], example: Example, min_words: int) -> Example:
    """``example`` with its clauses found at ``min_words``."""
    analysis = analyse(str(row["text"]), example.lang)
    segments = sentences(analysis)
    signals = sentence_signals(analysis, segments)
    parents, clauses, flags = clause_units(analysis, segments, signals, min_words)
    folded = analysis.prepared.folded
    return replace(
        example,
        clause_parents=parents,
        clause_lexical=[lexical_features(folded[c.start : c.end]) for c in clauses],
        clause_signals=flags,
    )


def shared_cv(
    variants: dict[str, tuple[Settings, Sequence[Example]]], rules: npt.NDArray[np.bool_]
) -> dict[str, npt.NDArray[np.bool_]]:
    """``grouped_cv_decisions`` for every variant, the first stage fitted once per fold."""
    first_settings, base = next(iter(variants.values()))
    first_settings = replace(first_settings, clauses=())
    folds = fold_of(base, first_settings.folds, first_settings.seed)
    distinct = [int(k) for k in np.unique(folds)]
    empty = np.zeros((0, len(LABELS)))
    outer = {name: [empty] * len(base) for name in variants}
    inner = {name: {k: [empty] * len(base) for k in distinct} for name in variants}

    def fit_and_read(excluded: tuple[int, ...]) -> dict[str, tuple[list[int], list[Floats]]]:
        train = [e for e, f in zip(base, folds, strict=True) if f not in excluded]
        held = [i for i, f in enumerate(folds) if f in excluded]
        model, _ = fit_language(train, first_settings)
        return {
            name: (held, sentence_probabilities(model, [chosen[i] for i in held], settings))
            for name, (settings, chosen) in variants.items()
        }

    for k in distinct:
        for name, (held, found) in fit_and_read((k,)).items():
            for i, p in zip(held, found, strict=True):
                outer[name][i] = p
    for a in distinct:
        for b in distinct:
            if b <= a:
                continue
            for name, (held, found) in fit_and_read((a, b)).items():
                for i, p in zip(held, found, strict=True):
                    inner[name][b if folds[i] == a else a][i] = p
    raw = np.array([e.rules for e in base], dtype=bool).reshape(len(base), len(LABELS))
    truth = _truth(base)
    result: dict[str, npt.NDArray[np.bool_]] = {}
    for name, (settings, chosen_examples) in variants.items():
        present = np.zeros_like(truth)
        for k in distinct:
            inside = folds == k
            others = np.flatnonzero(~inside).tolist()
            weights, bias, thresholds = fit_stacker(
                [inner[name][k][i] for i in others],
                [chosen_examples[i] for i in others],
                folds[~inside],
                settings,
                rules[~inside],
            )
            chosen = [outer[name][i] for i in np.flatnonzero(inside)]
            present[inside] = decide(
                stacked_probabilities(chosen, weights, bias),
                thresholds,
                settings,
                rules[inside],
                top_probabilities(chosen),
                raw[inside],
            )
        result[name] = present
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus/checker"))
    parser.add_argument("--langs", default="en,es")
    parser.add_argument("--words", default="3", help="clause minimum words to try, e.g. 2,3,4")
    parser.add_argument("--sets", default="all", help="label sets read from clauses, ';'")
    parser.add_argument("--alone", type=int, choices=(0, 1), default=None)
    parser.add_argument("--by-source", action="store_true", help="folds grouped by source")
    args = parser.parse_args(argv)
    settings = replace(Settings(), clauses=())
    if args.alone is not None:
        settings = replace(settings, alone=bool(args.alone))
    older = tuple(OLDER.split(","))
    rows = [
        row
        for row in load_messages(training_files(args.corpus, args.corpus / "split.json"))
        if row["lang"] in args.langs.split(",")
    ]
    examples = [to_example(row) for row in rows]
    if not args.by_source:
        examples = [replace(e, source=e.id.split("-", 1)[0]) for e in examples]
    result: dict[str, object] = {"by_writer": not args.by_source, "alone": settings.alone}
    for lang in args.langs.split(","):
        pairs = [(r, e) for r, e in zip(rows, examples, strict=True) if e.lang == lang]
        base = [e for _, e in pairs]
        variants: dict[str, tuple[Settings, Sequence[Example]]] = {"plain": (settings, base)}
        for words in (int(w) for w in args.words.split(",")):
            chosen = [with_clauses(r, e, words) for r, e in pairs]
            for labels in args.sets.split(";"):
                picked = label_set(labels)
                variants[f"clauses{words}:{labels}"] = (replace(settings, clauses=picked), chosen)
        decided = shared_cv(variants, _combined(base))
        truth = _truth(base)
        is_older = np.array([e.id.startswith(older) for e in base])
        result[lang] = {
            name: {
                "all": scores(truth, present),
                "older": scores(truth[is_older], present[is_older]),
                "newer": scores(truth[~is_older], present[~is_older]),
            }
            for name, present in decided.items()
        }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
