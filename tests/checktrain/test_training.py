"""Training: deterministic with a seed, and the exported weights give scikit-learn's numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sklearn")

from plazo.checktrain.corpus import load_messages, to_example
from plazo.checktrain.train import Settings, design_matrix, fit_language, train_model
from plazo.core.check import check_with, load_model
from plazo.core.check.engine import analyse, sentence_signals, sentences
from plazo.core.check.learned import LABELS, save_model
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


def test_exported_weights_reproduce_scikit_learns_probabilities(
    rows: list[dict[str, object]], tmp_path: Path
) -> None:
    settings = Settings()
    examples = [to_example(row) for row in rows if row["lang"] == "en"]
    model, estimators = fit_language(examples, settings)
    x = design_matrix(model.vocab, examples, settings)
    from plazo.core.check.learned import CheckModel

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
        ours.append(exported.sentence_probabilities(folded, sentence_signals(analysis, segments)))
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
