"""The checker corpus: well formed, sentence labels agree with message labels, big enough."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plazo.checktrain.corpus import counts, load_messages, to_example, validate
from plazo.checktrain.split import (
    FRACTION,
    assign,
    corpus_sources,
    frozen_assignment,
    hash_fraction,
)
from plazo.core.check.learned import LABELS
from tests.checktrain.helpers import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus/checker not present")

# Issue 13: at least 800 messages and 30 sources per language.
MIN_MESSAGES = 800
MIN_SOURCES = 30
MIN_POSITIVES = 40


def test_every_message_is_well_formed_and_its_labels_are_the_union_of_its_sentences() -> None:
    rows = load_messages([CORPUS])
    assert validate(rows, require_source_files=True) == []


def test_each_language_has_enough_messages_sources_and_positives() -> None:
    summary = counts(load_messages([CORPUS]))
    assert set(summary) == {"en", "es"}
    for lang, entry in summary.items():
        assert entry["messages"] >= MIN_MESSAGES, (lang, entry["messages"])
        assert entry["sources"] >= MIN_SOURCES, (lang, entry["sources"])
        low = {label: entry["positives"].get(label, 0) for label in LABELS}
        assert min(low.values()) >= MIN_POSITIVES, (lang, low)


def test_the_validator_catches_a_message_label_that_no_sentence_carries(tmp_path: Path) -> None:
    row = json.loads((CORPUS / "en").glob("*.jsonl").__next__().read_text("utf-8").splitlines()[0])
    flipped = next(label for label in LABELS if not row["labels"][label])
    row["labels"][flipped] = True
    (tmp_path / "bad.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    problems = validate(load_messages([tmp_path]))
    assert any(flipped in line and "sentences disagree" in line for line in problems)


def test_the_validator_catches_a_sentence_that_is_not_in_the_text(tmp_path: Path) -> None:
    row = json.loads((CORPUS / "es").glob("*.jsonl").__next__().read_text("utf-8").splitlines()[0])
    row["sentences"].append({"text": "Esta frase no está en el mensaje.", "labels": ["apology"]})
    row["labels"]["apology"] = True
    (tmp_path / "bad.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert any("not in text" in line for line in validate(load_messages([tmp_path])))


def test_the_frozen_split_follows_its_rule_and_holds_whole_sources() -> None:
    frozen = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    assigned = assign(corpus_sources(CORPUS), frozen_assignment(CORPUS / "split.json"))
    for lang, sides in frozen["languages"].items():
        assert sides["test"], lang
        for side in ("train", "test"):
            for source in sides[side]:
                assert assigned[source] == side, source
        origins = {frozen["origins"][s] for s in sides["test"]}
        assert origins == {"paraphrase", "brief"}, (lang, origins)
    listed = {s for sides in frozen["languages"].values() for v in sides.values() for s in v}
    assert listed == set(assigned)


def test_a_source_that_arrives_later_does_not_move_any_other_source() -> None:
    sources = corpus_sources(CORPUS)
    before = assign(sources, frozen_assignment(CORPUS / "split.json"))
    after = assign([*sources, ("ena-a-new-source", "en", "brief")], before)
    assert all(after[s] == side for s, side in before.items())
    assert (after["ena-a-new-source"] == "test") == (hash_fraction("ena-a-new-source") < FRACTION)


def test_the_split_is_drawn_by_the_hash_of_each_source_and_never_holds_plazo_v1() -> None:
    drawn = assign(
        [(f"src-{i}", "en", "brief") for i in range(400)] + [("x-plazo-v1", "en", "brief")]
    )
    share = sum(side == "test" for side in drawn.values()) / len(drawn)
    assert 0.17 < share < 0.29
    assert drawn["x-plazo-v1"] == "train"


def test_labelled_sentences_land_on_the_segmenters_sentences() -> None:
    row = {
        "id": "t-1",
        "lang": "en",
        "source": "t",
        "text": "Hi Ann. We're sorry: the sofa is late.\nIt arrives on 3 May. Best, Bo",
        "sentences": [
            {"text": "We're sorry: the sofa is late.", "labels": ["apology"]},
            {"text": "It arrives on 3 May.", "labels": ["new_date"]},
        ],
        "labels": {label: label in ("apology", "new_date") for label in LABELS},
    }
    example = to_example(row)
    apology, new_date = LABELS.index("apology"), LABELS.index("new_date")
    assert example.sentence_labels[:, apology].tolist() == [False, True, False, False]
    assert example.sentence_labels[:, new_date].tolist() == [False, False, True, False]


def test_a_clause_takes_the_labels_of_a_span_inside_it_and_is_unknown_under_a_whole_one() -> None:
    text = "Lo siento. Lo recibirá el día 12 y no le cobraremos el montaje."
    split = {
        "sentences": [
            {"text": "Lo recibirá el día 12", "labels": ["new_date"]},
            {"text": "no le cobraremos el montaje", "labels": ["compensation"]},
        ]
    }
    whole = {
        "sentences": [
            {
                "text": "Lo recibirá el día 12 y no le cobraremos el montaje.",
                "labels": ["new_date", "compensation"],
            }
        ]
    }
    new_date, compensation = LABELS.index("new_date"), LABELS.index("compensation")
    for spans, known in ((split, [True, True]), (whole, [False, False])):
        row = {
            "id": "t-1",
            "lang": "es",
            "source": "t",
            "text": text,
            "labels": {label: label in ("new_date", "compensation") for label in LABELS},
            **spans,
        }
        example = to_example(row)
        assert example.clause_parents == [1, 1]
        assert example.clause_known.tolist() == known
        if all(known):
            assert example.clause_labels[:, new_date].tolist() == [True, False]
            assert example.clause_labels[:, compensation].tolist() == [False, True]
