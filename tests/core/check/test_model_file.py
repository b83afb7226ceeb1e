"""The model file: versioned plain numbers, loaded once, and a clear error when it is unusable."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from plazo.core.check import CheckModelError, check, check_with, default_model, load_model
from plazo.core.check.engine import analyse, sentence_features, sentence_signals, sentences
from plazo.core.check.learned import (
    ENV_VAR,
    LABELS,
    READS,
    STACK_FEATURES,
    VERSION,
    save_model,
    shipped_model_path,
)

MESSAGE = (
    "Hi Dana, I'm sorry: the kitchen won't be finished on the 12th. I know you planned to host "
    "your family that weekend. The worktops came back from the fabricator cut to the wrong size. "
    "We've re-measured and the fabricator is re-cutting them this week, so we'll fit everything "
    "on Friday 19th. We'll take the fitting day off your bill."
)


def test_the_shipped_model_is_plain_numbers_and_at_most_5_mb() -> None:
    path = shipped_model_path()
    assert path.stat().st_size <= 5 * 1024 * 1024
    with np.load(path, allow_pickle=False) as arrays:
        assert all(arrays[name].dtype != object for name in arrays.files)
        meta = json.loads(bytes(arrays["meta"]).decode())
    assert meta["format"] == "plazo-check-model"
    # the shipped file is the newest version: float32 sentence weights (model file version 3)
    assert meta["version"] == max(READS) == 3
    assert meta["labels"] == list(LABELS)
    for lang in ("en", "es"):
        assert arrays_shape(path, f"{lang}_stack_weights") == (len(LABELS), STACK_FEATURES)
        with np.load(path, allow_pickle=False) as arrays:
            assert arrays[f"{lang}_weights"].dtype == np.float32


def arrays_shape(path: Path, name: str) -> tuple[int, ...]:
    with np.load(path, allow_pickle=False) as arrays:
        return tuple(arrays[name].shape)


def test_a_missing_model_file_is_an_error_not_a_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nope.npz"))
    with pytest.raises(CheckModelError, match="does not exist"):
        check(MESSAGE)


def test_a_corrupt_model_file_is_an_error_not_a_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "corrupt.npz"
    path.write_bytes(shipped_model_path().read_bytes()[:5000])
    monkeypatch.setenv(ENV_VAR, str(path))
    with pytest.raises(CheckModelError, match="not usable"):
        check(MESSAGE)


def shipped_arrays(version: int, weights: type[np.floating]) -> dict[str, np.ndarray]:
    """The shipped file's arrays, its header saying ``version``, its weights of type ``weights``."""
    with np.load(shipped_model_path(), allow_pickle=False) as arrays:
        data = {name: arrays[name] for name in arrays.files}
    meta = json.loads(bytes(data["meta"]).decode())
    meta["version"] = version
    data["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    for lang in meta["languages"]:
        data[f"{lang}_weights"] = data[f"{lang}_weights"].astype(weights)
    return data


@pytest.mark.parametrize("version", [1, 4])
def test_a_model_of_another_version_is_refused(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"v{version}.npz"
    np.savez(path, **shipped_arrays(version, np.float32))
    with pytest.raises(CheckModelError, match=f"version {version}, this plazo reads 2 and 3"):
        load_model(path)


def test_a_version_2_file_with_float64_weights_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "v2.npz"
    data = shipped_arrays(2, np.float64)
    np.savez(path, **data)
    model = load_model(path)
    assert model.languages["en"].weights.dtype == np.float64
    assert np.array_equal(model.languages["en"].weights, data["en_weights"])
    assert check_with(MESSAGE, "en", model).elements["new_date"].present


def test_weights_that_are_not_floats_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "ints.npz"
    data = shipped_arrays(VERSION, np.float32)
    data["en_weights"] = data["en_weights"].astype(np.int32)
    np.savez(path, **data)
    with pytest.raises(CheckModelError, match="en: weights of type int32"):
        check_with(MESSAGE, "en", load_model(path))


def test_a_second_stage_with_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stack.npz"
    with np.load(shipped_model_path(), allow_pickle=False) as arrays:
        data = {name: arrays[name] for name in arrays.files}
    data["en_stack_weights"] = data["en_stack_weights"][:, :-1]
    del data["es_stack_bias"]
    np.savez(path, **data)
    model = load_model(path)
    with pytest.raises(CheckModelError, match="second stage"):
        check_with(MESSAGE, "en", model)
    with pytest.raises(CheckModelError, match="not usable"):
        check_with("Lo sentimos, llegará el 3 de mayo.", "es", model)


def test_weights_with_the_wrong_shape_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "shape.npz"
    with np.load(shipped_model_path(), allow_pickle=False) as arrays:
        data = {name: arrays[name] for name in arrays.files}
    data["en_weights"] = data["en_weights"][:-3]
    np.savez(path, **data)
    model = load_model(path)
    with pytest.raises(CheckModelError, match="shape"):
        check_with(MESSAGE, "en", model)


def test_a_saved_model_loads_back_with_the_same_numbers(tmp_path: Path) -> None:
    model = default_model()
    path = tmp_path / "copy.npz"
    save_model(model, path)
    with np.load(path, allow_pickle=False) as arrays:
        assert json.loads(bytes(arrays["meta"]).decode())["version"] == VERSION
        assert arrays["en_weights"].dtype == np.float32
        assert arrays["en_bias"].dtype == arrays["en_stack_weights"].dtype == np.float64
    copy = load_model(path)
    for lang, original in model.languages.items():
        assert copy.languages[lang].vocab == original.vocab
        # the weights are stored as float32 (exact for a file that already was) and used
        # as float64; every other number is stored as it was
        rounded = original.weights.astype(np.float32).astype(np.float64)
        assert np.array_equal(copy.languages[lang].weights, rounded)
        assert np.array_equal(copy.languages[lang].bias, original.bias)
        assert np.array_equal(copy.languages[lang].thresholds, original.thresholds)
        copied, stacked = copy.languages[lang].stack_weights, original.stack_weights
        assert copied is not None
        assert stacked is not None
        assert np.array_equal(copied, stacked)
    assert copy.rules_support == model.rules_support
    assert dict(copy.label_support) == dict(model.label_support)
    ours, theirs = check_with(MESSAGE, "en", copy).to_dict(), check(MESSAGE, "en").to_dict()
    for name, result in theirs["elements"].items():
        found = ours["elements"][name]["probability"]
        assert found == pytest.approx(result["probability"], abs=1e-6)
        ours["elements"][name]["probability"] = result["probability"]
    for name, probability in theirs["warning_probabilities"].items():
        assert ours["warning_probabilities"][name] == pytest.approx(probability, abs=1e-6)
    ours["warning_probabilities"] = theirs["warning_probabilities"]
    assert ours == theirs


def test_rule_support_uses_the_plan_rule_itself_not_only_an_announced_plan(
    tmp_path: Path,
) -> None:
    # the plan rule matches ("brought in", "a second ...", "in parallel") but no list is
    # announced as the plan; with plan supported at a bar the sentence reaches, it is present
    # and its evidence is the rule's matches
    text = "We've brought in a second developer and will test in parallel."
    shipped = default_model()
    # the model alone cannot find plan here (its threshold and the lone-sentence bar out of reach)
    english = shipped.languages["en"]
    thresholds = english.thresholds.copy()
    thresholds[LABELS.index("plan")] = 1.01
    model = replace(shipped, languages={"en": replace(english, thresholds=thresholds)}, sure=1.01)
    top = check_with(text, "en", model).elements["plan"]
    assert not top.present
    path = tmp_path / "supported.npz"
    save_model(replace(model, rules_support=("plan",), label_support={"plan": 0.0}), path)
    supported = check_with(text, "en", load_model(path)).elements["plan"]
    assert supported.present
    assert supported.probability == top.probability
    assert [e.text for e in supported.evidence] == [
        "We've brought",
        "second developer",
        "in parallel",
    ]
    # without the rule's match the same bar adds nothing
    other = "We'll send it over once it's ready."
    assert not check_with(other, "en", load_model(path)).elements["plan"].present


def test_the_cached_word_path_gives_the_same_probabilities_as_the_feature_strings() -> None:
    model = default_model()
    for text, lang in [(MESSAGE, "en"), ("Perdón, no sabemos cuándo llegará. Lo siento.", "es")]:
        analysis = analyse(text, lang)
        segments = sentences(analysis)
        classifier = model.languages[lang]
        slow = classifier.probabilities(sentence_features(analysis, segments))
        folded = [analysis.prepared.folded[s.start : s.end] for s in segments]
        fast = classifier.sentence_probabilities(folded, sentence_signals(analysis, segments))
        assert np.max(np.abs(slow - fast)) < 1e-12


def test_the_json_gains_a_probability_per_element_and_warning() -> None:
    data = check(MESSAGE).to_dict()
    for result in data["elements"].values():
        assert 0.0 <= result["probability"] <= 1.0
    assert set(data["warning_probabilities"]) == {"vague_timing", "blames_client", "unknown_date"}
    assert data["elements"]["new_date"]["present"]
    assert data["elements"]["new_date"]["probability"] > 0.5


def test_evidence_is_the_sentence_that_carried_the_decision() -> None:
    report = check(MESSAGE)
    apology = report.elements["apology"].evidence
    assert [span.text for span in apology] == [
        "Hi Dana, I'm sorry: the kitchen won't be finished on the 12th."
    ]
    assert all(
        MESSAGE[s.start : s.end] == s.text for r in report.elements.values() for s in r.evidence
    )
    assert [s.text for s in report.elements["new_date"].evidence] == ["on Friday 19th"]


def test_the_core_checker_imports_neither_scikit_learn_nor_scipy_nor_the_trainer() -> None:
    code = (
        "import sys, plazo.core.check as c\n"
        "c.check('Sorry, it will arrive on 3 May.')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy', 'django')"
        " or m.startswith('plazo.checktrain')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
