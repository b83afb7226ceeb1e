"""The honest protocol: grouped cross-validation on the training sources, then the frozen split.

For each language, three checkers are scored per label (precision, recall, F1) and by macro-F1:

* ``rules`` — the exact rules alone (plazo's checker before the model);
* ``model`` — the sentence classifiers on words, stems and character n-grams only;
* ``combined`` — the classifiers with the rules' signals as features and the rules' exact vetoes
  (what ``plazo check`` uses).

``cv`` is a 5-fold cross-validation grouped by source over the training sources, with every
choice nested inside it: for each held-out fold, the second stage and the thresholds are fitted
on the other folds' predictions by first stages that never saw the held-out fold. ``test``
trains on every training source (second stage and thresholds from the cross-validation) and
scores the frozen test sources, which are never used for rules, features or hyper-parameters.
``unstacked`` is ``combined`` without the second stage (a message's probability is its most
probable sentence's; thresholds tuned on the other folds' out-of-fold predictions).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from plazo.checktrain.corpus import Example, load_messages, to_example, validate
from plazo.checktrain.split import FRACTION, assign, hash_fraction, is_always_train
from plazo.checktrain.train import (
    Settings,
    decide,
    grouped_cv_decisions,
    sentence_probabilities,
    top_probabilities,
    train_language,
)
from plazo.core.check.learned import LABELS

__all__ = ["MODES", "evaluate_corpus", "scores", "training_files"]

MODES: dict[str, Settings | None] = {
    "rules": None,
    "model": Settings(signals=False, gates=False, vetoes=(), rules_or=()),
    "combined": Settings(),
    "unstacked": Settings(stack=False),
}
Bools = npt.NDArray[np.bool_]


def scores(truth: Bools, guess: Bools) -> dict[str, Any]:
    """Per label precision, recall, F1 and counts, and the macro-F1 over the labels."""
    result: dict[str, Any] = {}
    for column, name in enumerate(LABELS):
        t, g = truth[:, column], guess[:, column]
        tp, fp, fn = int((t & g).sum()), int((~t & g).sum()), int((t & ~g).sum())
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        result[name] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "positives": int(t.sum()),
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }
    result["macro_f1"] = round(float(np.mean([result[name]["f1"] for name in LABELS])), 3)
    return result


def _truth(examples: Sequence[Example]) -> Bools:
    return np.array([e.labels for e in examples]).reshape(len(examples), len(LABELS))


def _rules(examples: Sequence[Example]) -> Bools:
    return np.array([e.rules for e in examples]).reshape(len(examples), len(LABELS))


def _combined(examples: Sequence[Example]) -> Bools:
    return np.array([e.combined_rules for e in examples]).reshape(len(examples), len(LABELS))


def _mode(
    train: Sequence[Example], test: Sequence[Example], settings: Settings | None
) -> tuple[dict[str, Any], dict[str, Any], list[tuple[str, str, str]]]:
    """CV and frozen-split scores of one checker, and its frozen-split disagreements."""
    truth_train, truth_test = _truth(train), _truth(test)
    if settings is None:
        cv, guess = _rules(train), _rules(test)
    else:
        cv = grouped_cv_decisions(train, settings, _combined(train))
        model, _ = train_language(train, settings)
        found = sentence_probabilities(model, test, settings)
        probabilities = np.array([model.message_probabilities(p) for p in found])
        top = top_probabilities(found) if model.stack_weights is not None else None
        guess = decide(
            probabilities.reshape(len(test), len(LABELS)),
            model.thresholds,
            settings,
            _combined(test),
            top,
            _rules(test),
        )
    errors = [
        (example.id, name, "fn" if truth_test[row, column] else "fp")
        for row, example in enumerate(test)
        for column, name in enumerate(LABELS)
        if truth_test[row, column] != guess[row, column]
    ]
    return scores(truth_train, cv), scores(truth_test, guess), errors


def training_files(corpus: Path, split_file: Path) -> list[Path]:
    """The ``<lang>/<source>.jsonl`` files of the training sources, found without opening any
    test source: a source listed in ``split_file`` keeps its side; an unlisted one is a test
    source when the split's hash says so (and is then never read). An unlisted source the hash
    puts in training stays there: every (language, origin) stratum of the frozen split already
    has a test source, so the stratification rule cannot move it."""
    frozen: dict[str, str] = {}
    if split_file.is_file():
        data = json.loads(split_file.read_text(encoding="utf-8"))
        for side in data["languages"].values():
            for name in ("train", "test"):
                frozen.update(dict.fromkeys(side[name], name))
    chosen = []
    for path in sorted(corpus.glob("*/*.jsonl")):
        source = path.stem
        side = frozen.get(source)
        if side is None:
            test = not is_always_train(source) and hash_fraction(source) < FRACTION
            side = "test" if test else "train"
        if side == "train":
            chosen.append(path)
    return chosen


def cv_only(corpus: Path, split_file: Path, modes: Sequence[str] = tuple(MODES)) -> dict[str, Any]:
    """Grouped cross-validation on the training sources alone; the test sources' files are not
    opened and nothing is scored on them."""
    rows = load_messages(training_files(corpus, split_file))
    problems = validate(rows)
    if problems:
        raise ValueError(f"the corpus has {len(problems)} problems, first: {problems[0]}")
    examples = [to_example(row) for row in rows]
    result: dict[str, Any] = {"labels": list(LABELS), "languages": {}}
    for lang in sorted({e.lang for e in examples}):
        train = [e for e in examples if e.lang == lang]
        entry: dict[str, Any] = {
            "messages": {"train": len(train)},
            "sources": {"train": sorted({e.source for e in train})},
            "cv": {},
        }
        for mode in modes:
            entry["cv"][mode] = cv_scores(train, MODES[mode])
        result["languages"][lang] = entry
    return result


def cv_scores(train: Sequence[Example], settings: Settings | None) -> dict[str, Any]:
    """Grouped-CV scores of one checker on the training examples."""
    truth = _truth(train)
    if settings is None:
        return scores(truth, _rules(train))
    return scores(truth, grouped_cv_decisions(train, settings, _combined(train)))


def evaluate_corpus(
    corpus: Path, split_file: Path | None = None, modes: Sequence[str] = tuple(MODES)
) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """The whole protocol on ``corpus`` (``<lang>/<source>.jsonl``): scores and test errors."""
    rows = load_messages([corpus])
    problems = validate(rows)
    if problems:
        raise ValueError(f"the corpus has {len(problems)} problems, first: {problems[0]}")
    origins = {(r["source"], r["lang"], r["origin"]) for r in rows}
    sides = assign(origins)
    if split_file is not None and split_file.is_file():
        frozen = json.loads(split_file.read_text(encoding="utf-8"))
        for side in frozen["languages"].values():
            for name in ("train", "test"):
                sides.update(dict.fromkeys(side[name], name))
    examples = [to_example(row) for row in rows]
    result: dict[str, Any] = {"labels": list(LABELS), "languages": {}}
    errors: list[tuple[str, str, str]] = []
    for lang in sorted({e.lang for e in examples}):
        train = [e for e in examples if e.lang == lang and sides[e.source] == "train"]
        test = [e for e in examples if e.lang == lang and sides[e.source] == "test"]
        entry: dict[str, Any] = {
            "messages": {"train": len(train), "test": len(test)},
            "sources": {
                "train": sorted({e.source for e in train}),
                "test": sorted({e.source for e in test}),
            },
            "cv": {},
            "test": {},
        }
        for mode in modes:
            cv, frozen_scores, mode_errors = _mode(train, test, MODES[mode])
            entry["cv"][mode], entry["test"][mode] = cv, frozen_scores
            if mode == "combined":
                errors.extend(mode_errors)
        result["languages"][lang] = entry
    return result, errors
