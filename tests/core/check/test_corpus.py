"""The checker reaches F1 >= 0.90 per label and language on the labelled corpus."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "data" / "messages"


def _load_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_eval", ROOT / "benchmarks/check_eval.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_eval"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not any(CORPUS.glob("*.jsonl")), reason="labelled corpus not present")
def test_f1_is_at_least_090_for_every_label_and_language() -> None:
    check_eval = _load_eval()
    result, _ = check_eval.evaluate(check_eval.load_corpus(CORPUS))
    low = {
        f"{lang}:{label}": scores["f1"]
        for lang, labels in result.items()
        if lang != "messages"
        for label, scores in labels.items()
        if scores["f1"] < 0.90
    }
    assert not low, low
