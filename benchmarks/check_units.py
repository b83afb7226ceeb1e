"""Train checker models on the TRAINING sources with and without clause units and ``!only``.

Run: ``.venv/bin/python benchmarks/check_units.py OUTDIR [--langs en,es]`` (needs the ``train``
extra), then ``.venv/bin/python benchmarks/check_sanity.py OUTDIR/*.npz``. Writes four models,
``plain``, ``clauses``, ``alone`` and ``clauses-alone`` (``Settings.clauses``, the labels of
``--clauses``, and ``Settings.alone``, on the shipped defaults otherwise), each what ``train_model``
would write on the training sources (the frozen test sources are never opened). The first stage does
not depend on ``clauses``, so each of the two first stages (with and without ``alone``) is fitted
once, with its five cross-validation folds, and serves both second stages: 12 fits per language
instead of 24.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from plazo.checktrain.corpus import load_messages, to_example
from plazo.checktrain.evaluate import training_files
from plazo.checktrain.train import (
    Settings,
    fit_language,
    fit_stacker,
    fold_of,
    sentence_probabilities,
)
from plazo.core.check.learned import LABELS, CheckModel, LanguageModel, save_model

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_settings import label_set


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("corpus/checker"))
    parser.add_argument("--langs", default="en,es")
    parser.add_argument("--clauses", default="all", help="labels read from clauses (all, a,b)")
    args = parser.parse_args(argv)
    picked = label_set(args.clauses)
    args.output.mkdir(parents=True, exist_ok=True)
    rows = load_messages(training_files(args.corpus, args.corpus / "split.json"))
    examples = [to_example(row) for row in rows]
    models: dict[str, dict[str, LanguageModel]] = {}
    for lone in (False, True):
        for lang in args.langs.split(","):
            chosen = [e for e in examples if e.lang == lang]
            base = replace(Settings(), alone=lone)
            folds = fold_of(chosen, base.folds, base.seed)
            variants = {
                clauses: replace(base, clauses=picked if clauses else ())
                for clauses in (False, True)
            }
            oof: dict[bool, list[np.ndarray]] = {
                c: [np.zeros((0, len(LABELS)))] * len(chosen) for c in variants
            }
            for fold in np.unique(folds):
                train = [e for e, f in zip(chosen, folds, strict=True) if f != fold]
                held = [i for i, f in enumerate(folds) if f == fold]
                first, _ = fit_language(train, base)
                for clauses, settings in variants.items():
                    found = sentence_probabilities(first, [chosen[i] for i in held], settings)
                    for i, p in zip(held, found, strict=True):
                        oof[clauses][i] = p
            final, _ = fit_language(chosen, base)
            rules = np.array([e.combined_rules for e in chosen])
            for clauses, settings in variants.items():
                stack = fit_stacker(oof[clauses], chosen, folds, settings, rules)
                name = "-".join(n for n, on in (("clauses", clauses), ("alone", lone)) if on)
                models.setdefault(name or "plain", {})[lang] = replace(
                    final, thresholds=stack[2], stack_weights=stack[0], stack_bias=stack[1]
                )
    for name, languages in models.items():
        labels = picked if "clauses" in name else ()
        settings = replace(Settings(), clauses=labels, alone="alone" in name)
        model = CheckModel(
            languages=languages,
            signals=settings.signals,
            gates=settings.gates,
            vetoes=settings.vetoes,
            rules_or=settings.rules_or,
            sure=settings.sure,
            rules_support=settings.rules_support,
            support=settings.support,
            label_support=dict(settings.label_support),
            clauses=settings.clauses,
            alone=settings.alone,
            info={"settings": asdict(settings), "note": "training sources only"},
        )
        save_model(model, args.output / f"{name}.npz")
        print(args.output / f"{name}.npz")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
