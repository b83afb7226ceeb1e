"""The label-agreement audit: kappa, and a sample that reads training sources only."""

from __future__ import annotations

import json

import pytest

from plazo.checktrain.audit import GROUPS, agreement, draw_sample
from tests.checktrain.helpers import CORPUS


def test_kappa_is_one_for_perfect_agreement_and_zero_for_chance() -> None:
    perfect = agreement([(True, True), (False, False), (True, True), (False, False)])
    assert perfect.observed == 1.0
    assert perfect.kappa == 1.0
    # Both raters say yes half the time, independently: observed 0.5 = chance 0.5.
    chance = agreement([(True, True), (True, False), (False, True), (False, False)])
    assert chance.kappa == pytest.approx(0.0)


def test_kappa_counts_the_confusion_cells() -> None:
    result = agreement([(True, True)] * 8 + [(True, False)] * 2 + [(False, False)] * 10)
    assert (result.both, result.corpus_only, result.audit_only, result.neither) == (8, 2, 0, 10)
    # p_o = 0.9; corpus yes 0.5, audit yes 0.4 → p_e = 0.5; kappa = 0.4 / 0.5.
    assert result.kappa == pytest.approx(0.8)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus/checker not present")
def test_the_sample_is_seeded_sized_and_drawn_from_training_sources_only() -> None:
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    test_sources = {s for lang in split["languages"].values() for s in lang["test"]}
    sample = draw_sample(CORPUS)
    assert len(sample) == sum(size for _, _, size in GROUPS)
    assert not {row["source"] for row in sample} & test_sources
    assert [row["id"] for row in sample] == [row["id"] for row in draw_sample(CORPUS)]
