"""The evaluation protocol: whole sources held out, three checkers scored, JSON-ready numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

from plazo.checktrain.evaluate import MODES, evaluate_corpus
from plazo.core.check.learned import LABELS
from tests.checktrain.helpers import small_corpus


# Trains every checker mode in a nested CV: ~1 CPU-minute, but 4-5 minutes of wall clock on a
# loaded machine (the suite's 300 s timeout failed it once in CI under load): wall time
@pytest.mark.timeout(1200)
def test_the_protocol_scores_each_checker_on_cv_and_on_whole_held_out_sources(
    tmp_path: Path,
) -> None:
    rows = small_corpus(tmp_path, sources=4, messages=10)
    by_lang: dict[str, list[str]] = {}
    for row in rows:
        if row["source"] not in by_lang.setdefault(row["lang"], []):
            by_lang[row["lang"]].append(row["source"])
    split = {
        "languages": {
            lang: {"train": sources[:-1], "test": sources[-1:]} for lang, sources in by_lang.items()
        }
    }
    (tmp_path / "split.json").write_text(json.dumps(split), encoding="utf-8")
    result, errors = evaluate_corpus(tmp_path, tmp_path / "split.json")
    assert set(result["languages"]) == {"en", "es"}
    for lang, entry in result["languages"].items():
        assert entry["sources"]["test"] == by_lang[lang][-1:]
        assert not set(entry["sources"]["test"]) & set(entry["sources"]["train"])
        held = sum(1 for row in rows if row["source"] == by_lang[lang][-1])
        total = sum(1 for row in rows if row["lang"] == lang)
        assert entry["messages"] == {"train": total - held, "test": held}
        for part in ("cv", "test"):
            assert set(entry[part]) == set(MODES)
            for scores in entry[part].values():
                assert 0.0 <= scores["macro_f1"] <= 1.0
                for label in LABELS:
                    assert 0.0 <= scores[label]["f1"] <= 1.0
        positives = sum(entry["test"]["combined"][label]["positives"] for label in LABELS)
        wrong = sum(
            entry["test"]["combined"][label]["fp"] + entry["test"]["combined"][label]["fn"]
            for label in LABELS
        )
        assert positives > 0
        assert wrong == sum(1 for e in errors if e[0].startswith(by_lang[lang][-1]))
