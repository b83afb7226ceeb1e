"""The label-agreement audit: kappa, and a sample that reads training sources only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plazo.checktrain.audit import GROUPS, PLANS, agreement, draw_sample
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


def test_the_default_plan_is_the_first_audit() -> None:
    assert PLANS["audit13"].seed == 13
    assert PLANS["audit13"].groups == GROUPS
    assert [size for _, _, size in PLANS["audit14"].groups] == [90, 90]
    assert PLANS["audit14"].seed == 14
    assert PLANS["audit15"].seed == 15
    assert [size for _, _, size in PLANS["audit15"].groups] == [80, 80]
    assert [prefixes for _, prefixes, _ in PLANS["audit15"].groups] == [
        ("eno-", "enp-", "enq-", "enr-"),
        ("eso-", "esp-", "esq-", "esr-"),
    ]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus/checker not present")
@pytest.mark.parametrize("plan", sorted(PLANS))
def test_the_sample_is_seeded_sized_and_drawn_from_training_sources_only(
    plan: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    test_sources = {s for lang in split["languages"].values() for s in lang["test"]}
    opened: list[Path] = []
    read_text = Path.read_text

    def recording_read_text(self: Path, *args: str, **kwargs: str) -> str:
        opened.append(self)
        return read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", recording_read_text)
    sample = draw_sample(CORPUS, plan)
    assert len(sample) == sum(size for _, _, size in PLANS[plan].groups)
    assert not {row["source"] for row in sample} & test_sources
    assert not {path.stem for path in opened} & test_sources
    assert [row["id"] for row in sample] == [row["id"] for row in draw_sample(CORPUS, plan)]
    for lang, prefixes, size in PLANS[plan].groups:
        drawn = [row for row in sample if row["lang"] == lang and row["id"].startswith(prefixes)]
        assert len(drawn) == size


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus/checker not present")
def test_adding_a_plan_leaves_the_audit13_sample_as_it_was_labelled() -> None:
    labelled = json.loads((CORPUS / "guide-notes" / "audit13-labels.json").read_text("utf-8"))
    assert [row["id"] for row in draw_sample(CORPUS)] == list(labelled)
    assert [row["id"] for row in draw_sample(CORPUS, "audit13")] == list(labelled)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus/checker not present")
@pytest.mark.parametrize("plan", ["audit14", "audit15"])
def test_adding_a_plan_leaves_the_later_samples_as_they_were_labelled(plan: str) -> None:
    labelled = json.loads((CORPUS / "guide-notes" / f"{plan}-labels.json").read_text("utf-8"))
    assert [row["id"] for row in draw_sample(CORPUS, plan)] == list(labelled)


def test_f1_of_the_auditor_against_the_corpus_and_pooling() -> None:
    first = agreement([(True, True)] * 8 + [(True, False)] * 2 + [(False, False)] * 10)
    second = agreement([(True, True)] * 2 + [(False, True)] * 3 + [(False, False)] * 5)
    # 2·8 / (2·8 + 2 + 0) and, pooled, 2·10 / (2·10 + 2 + 3)
    assert first.f1 == 16 / 18
    pooled = first + second
    assert (pooled.both, pooled.corpus_only, pooled.audit_only, pooled.neither) == (10, 2, 3, 15)
    assert pooled.f1 == 20 / 25
    # nobody says the label: no F1, not a perfect one
    assert agreement([(False, False)] * 4).f1 is None
