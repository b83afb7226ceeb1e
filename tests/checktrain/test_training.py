"""Training: deterministic with a seed, and the exported weights give scikit-learn's numbers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sklearn")

from plazo.checktrain.corpus import load_messages, to_example
from plazo.checktrain.train import (
    Settings,
    cross_validate_sentences,
    design_matrix,
    fit_language,
    fold_of,
    grouped_cv_decisions,
    nested_sentence_probabilities,
    sentence_probabilities,
    stack_rows,
    stack_windows,
    stacked_decisions,
    train_language,
    train_model,
)
from plazo.core.check import check_with, load_model
from plazo.core.check.engine import (
    analyse,
    sentence_signals,
    sentences,
    unit_signals,
)
from plazo.core.check.engine import sentence_probabilities as checker_probabilities
from plazo.core.check.learned import LABELS, CheckModel, save_model, stack_features
from tests.checktrain.helpers import small_corpus


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    folder = tmp_path_factory.mktemp("corpus")
    small_corpus(folder)
    return load_messages([folder])


def test_training_twice_with_the_same_seed_gives_the_same_model(
    rows: list[dict[str, object]], tmp_path: Path
) -> None:
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    save_model(train_model(rows, Settings(seed=7)), first)
    save_model(train_model(rows, Settings(seed=7)), second)
    a, b = load_model(first), load_model(second)
    assert set(a.languages) == set(b.languages) == {"en", "es"}
    for lang in a.languages:
        assert a.languages[lang].vocab == b.languages[lang].vocab
        assert np.array_equal(a.languages[lang].weights, b.languages[lang].weights)
        assert np.array_equal(a.languages[lang].bias, b.languages[lang].bias)
        assert np.array_equal(a.languages[lang].thresholds, b.languages[lang].thresholds)
        one, two = a.languages[lang], b.languages[lang]
        assert one.stack_weights is not None
        assert two.stack_weights is not None
        assert one.stack_bias is not None
        assert two.stack_bias is not None
        assert np.array_equal(one.stack_weights, two.stack_weights)
        assert np.array_equal(one.stack_bias, two.stack_bias)


@pytest.mark.parametrize(
    "settings",
    [
        Settings(),
        Settings(block_scale=(("w:", 5.0), ("b:", 5.0), ("n:", 5.0), ("s:", 5.0))),
        Settings(alone=True),
    ],
    ids=["plain", "word-block-scaled", "lone-sentence-signal"],
)
def test_exported_weights_reproduce_scikit_learns_probabilities(
    rows: list[dict[str, object]], tmp_path: Path, settings: Settings
) -> None:
    examples = [to_example(row) for row in rows if row["lang"] == "en"]
    model, estimators = fit_language(examples, settings)
    x = design_matrix(model.vocab, examples, settings)

    path = tmp_path / "en.npz"
    save_model(CheckModel(languages={"en": model}), path)
    exported = load_model(path).languages["en"]
    # The fast path the checker uses (words cached), sentence by sentence of each message.
    ours = []
    for row in rows:
        if row["lang"] != "en":
            continue
        analysis = analyse(str(row["text"]), "en")
        segments = sentences(analysis)
        folded = [analysis.prepared.folded[s.start : s.end] for s in segments]
        signals = unit_signals(sentence_signals(analysis, segments), settings.alone, len(segments))
        ours.append(exported.sentence_probabilities(folded, signals))
    mine = np.vstack(ours)
    assert mine.shape == (x.shape[0], len(LABELS))
    compared = 0
    for column, estimator in enumerate(estimators):
        if estimator is None:
            continue
        theirs = estimator.predict_proba(x)[:, 1]
        assert np.max(np.abs(mine[:, column] - theirs)) < 1e-6
        compared += 1
    assert compared >= 5


def test_a_model_trained_on_one_language_refuses_the_other(
    rows: list[dict[str, object]], tmp_path: Path
) -> None:
    from plazo.core.check import CheckModelError

    path = tmp_path / "en-only.npz"
    save_model(train_model([r for r in rows if r["lang"] == "en"], Settings()), path)
    with pytest.raises(CheckModelError, match="no 'es' classifier"):
        check_with("Lo sentimos, el pedido llegará el 3 de mayo.", "es", load_model(path))


def test_the_exported_second_stage_reproduces_scikit_learns_probabilities(
    rows: list[dict[str, object]], tmp_path: Path
) -> None:
    from sklearn.linear_model import LogisticRegression

    settings = Settings()
    examples = [to_example(row) for row in rows if row["lang"] == "en"]
    model, _ = train_language(examples, settings)
    assert model.stack_weights is not None
    path = tmp_path / "stacked.npz"
    checker = CheckModel(
        languages={"en": model},
        vetoes=settings.vetoes,
        clauses=settings.clauses,
        alone=settings.alone,
    )
    save_model(checker, path)
    loaded = load_model(path)
    exported = loaded.languages["en"]
    # what the second stage was fitted on: out-of-fold sentence probabilities
    # (and on shorter runs of their sentences)
    oof, folds = cross_validate_sentences(examples, settings)
    short, short_truth, _ = stack_windows(oof, examples, folds, settings)
    features = np.concatenate([stack_rows(oof), stack_rows(short)])
    truth = np.concatenate([np.array([e.labels for e in examples]), short_truth])
    # and what the checker computes: sentence probabilities through the fast path, gated, with
    # the clauses and the lone-sentence signal of the default settings
    seen = []
    for row in rows:
        if row["lang"] != "en":
            continue
        analysis = analyse(str(row["text"]), "en")
        segments = sentences(analysis)
        signals = sentence_signals(analysis, segments)
        seen.append(checker_probabilities(analysis, segments, signals, loaded))
    compared = 0
    for column in range(len(LABELS)):
        mine = np.array([exported.message_probabilities(p)[column] for p in seen])
        if LABELS[column] not in settings.stack_labels:
            # not stacked: the most probable sentence's probability (clipped to 0.001-0.999)
            top = np.clip([p[:, column].max() for p in seen], 1e-3, 1 - 1e-3)
            assert np.max(np.abs(mine - top)) < 1e-9
            continue
        y = truth[:, column]
        if y.all() or not y.any():
            continue
        estimator = LogisticRegression(
            C=settings.stack_c, class_weight=settings.class_weight, solver="lbfgs", max_iter=5000
        ).fit(features[:, column], y)
        theirs = estimator.predict_proba(np.stack([stack_features(p) for p in seen])[:, column])
        assert np.max(np.abs(mine - theirs[:, 1])) < 1e-6
        compared += 1
    assert compared >= 5


def test_clauses_and_a_lone_sentence_are_scored_alike_in_training_and_in_the_checker(
    rows: list[dict[str, object]], tmp_path: Path
) -> None:
    settings = Settings(clauses=LABELS, alone=True)
    english = [row for row in rows if row["lang"] == "en"]
    path = tmp_path / "units.npz"
    save_model(train_model(english, settings), path)
    model = load_model(path)
    assert model.clauses == LABELS
    assert model.alone
    language = model.languages["en"]
    examples = [to_example(row) for row in english]
    assert any(example.clause_parents for example in examples)
    trained = sentence_probabilities(language, examples, settings)
    plain = sentence_probabilities(language, examples, Settings())
    moved = 0
    for row, expected, before in zip(english, trained, plain, strict=True):
        analysis = analyse(str(row["text"]), "en")
        segments = sentences(analysis)
        signals = sentence_signals(analysis, segments)
        found = checker_probabilities(analysis, segments, signals, model)
        assert found.shape == expected.shape
        assert np.max(np.abs(found - expected), initial=0.0) < 1e-9
        # a sentence's probability is at least what it had without its clauses
        assert (expected >= before - 1e-12).all() or len(segments) == 1
        moved += int(np.abs(expected - before).max(initial=0.0) > 1e-6)
    assert moved
    # new_date alone (the default): the checker scores only the clauses with a new date in them
    # (the gate zeroes the others), training scores them all; the same numbers
    dated = Settings(clauses=("new_date",), alone=True)
    trained = sentence_probabilities(language, examples, dated)
    for row, expected in zip(english, trained, strict=True):
        analysis = analyse(str(row["text"]), "en")
        segments = sentences(analysis)
        signals = sentence_signals(analysis, segments)
        only_dates = replace(model, clauses=dated.clauses)
        found = checker_probabilities(analysis, segments, signals, only_dates)
        assert np.max(np.abs(found - expected), initial=0.0) < 1e-9


def test_clauses_whose_labels_are_known_become_training_rows_with_the_checkers_signals() -> None:
    from plazo.checktrain.train import clause_examples

    text = "Lo recibirá el día 12 y no le cobraremos el montaje."
    row = {
        "id": "t-1",
        "lang": "es",
        "source": "t",
        "text": text,
        "sentences": [
            {"text": "Lo recibirá el día 12", "labels": ["new_date"]},
            {"text": "no le cobraremos el montaje", "labels": ["compensation"]},
        ],
        "labels": {label: label in ("new_date", "compensation") for label in LABELS},
    }
    example = to_example(row)
    (rows,) = clause_examples([example], Settings(alone=True))
    assert rows.sentence_labels.sum(axis=1).tolist() == [1, 1]
    assert all("!only" in flags and "!first" not in flags for flags in rows.signals)
    (plain,) = clause_examples([example], Settings(alone=False))
    assert all("!first" in flags for flags in plain.signals)


def test_neighbouring_sentences_signals_are_scored_alike_in_training_and_in_the_checker(
    rows: list[dict[str, object]], tmp_path: Path
) -> None:
    settings = Settings(clauses=LABELS, alone=True, context=True)
    english = [row for row in rows if row["lang"] == "en"]
    path = tmp_path / "context.npz"
    save_model(train_model(english, settings), path)
    model = load_model(path)
    assert model.context
    language = model.languages["en"]
    assert any(name.startswith(("!prev:", "!next:")) for name in language.vocab)
    examples = [to_example(row) for row in english]
    trained = sentence_probabilities(language, examples, settings)
    without = sentence_probabilities(language, examples, replace(settings, context=False))
    moved = 0
    for row, expected, before in zip(english, trained, without, strict=True):
        analysis = analyse(str(row["text"]), "en")
        segments = sentences(analysis)
        signals = sentence_signals(analysis, segments)
        found = checker_probabilities(analysis, segments, signals, model)
        assert np.max(np.abs(found - expected), initial=0.0) < 1e-9
        moved += int(np.abs(expected - before).max(initial=0.0) > 1e-6)
    # the neighbours' signals change what the model says of some sentences
    assert moved


def test_second_stage_settings_decided_from_shared_first_stage_probabilities_match_a_full_run(
    rows: list[dict[str, object]],
) -> None:
    # benchmarks/check_settings.py fits the first stage once and decides every second-stage
    # setting from it; that is only honest if it equals a full nested CV at those settings
    examples = [to_example(row) for row in rows if row["lang"] == "en"]
    rules = np.array([e.combined_rules for e in examples], dtype=bool)
    base = Settings()
    outer, inner = nested_sentence_probabilities(examples, base)
    folds = fold_of(examples, base.folds, base.seed)
    assert len(inner) >= 3
    other = replace(base, stack_c=0.05, sure=0.6, support=0.5)
    shared = stacked_decisions(examples, other, folds, outer, inner, rules)
    assert np.array_equal(shared, grouped_cv_decisions(examples, other, rules))
    # and the second-stage settings do change the decisions on this slice
    assert not np.array_equal(shared, stacked_decisions(examples, base, folds, outer, inner, rules))
