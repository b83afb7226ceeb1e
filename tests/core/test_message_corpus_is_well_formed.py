"""The labelled delay-message corpus in tests/data/messages/ is well formed.

Pure: reads the JSONL files only (no Django, no checker code).
"""

import json
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "data" / "messages"
LANGS = ("es", "en")
LABELS = (
    "apology",
    "impact",
    "assurance",
    "new_date",
    "cause",
    "plan",
    "compensation",
    "vague_timing",
    "blames_client",
    "unknown_date",
)
KINDS = {"good", "weak", "bad", "adversarial"}
MIN_MESSAGES = 60
MIN_PER_CLASS = 15


def load(lang: str) -> list[dict]:
    path = CORPUS / f"{lang}.jsonl"
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}:{number}: blank line"
        row = json.loads(line)
        assert isinstance(row, dict), f"{path.name}:{number}: not an object"
        rows.append(row)
    return rows


@pytest.mark.parametrize("lang", LANGS)
def test_every_line_has_the_fields_and_all_ten_boolean_labels(lang):
    for row in load(lang):
        where = row.get("id", "?")
        assert row["lang"] == lang, where
        assert row["id"].startswith(f"{lang}-"), where
        assert row["kind"] in KINDS, where
        assert isinstance(row["sector"], str), where
        assert row["sector"], where
        assert isinstance(row["text"], str), where
        assert row["text"].strip(), where
        assert isinstance(row.get("note", ""), str), where
        assert set(row["labels"]) == set(LABELS), where
        assert all(type(row["labels"][k]) is bool for k in LABELS), where


def test_ids_are_unique_across_both_files():
    ids = [row["id"] for lang in LANGS for row in load(lang)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_enough_messages_of_every_kind(lang):
    rows = load(lang)
    assert len(rows) >= MIN_MESSAGES
    kinds = {row["kind"] for row in rows}
    assert kinds == KINDS


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("label", LABELS)
def test_each_label_has_enough_positives_and_negatives(lang, label):
    rows = load(lang)
    positives = sum(row["labels"][label] for row in rows)
    negatives = len(rows) - positives
    assert positives >= MIN_PER_CLASS, (lang, label, positives)
    assert negatives >= MIN_PER_CLASS, (lang, label, negatives)


@pytest.mark.parametrize("lang", LANGS)
def test_good_messages_have_all_seven_elements_and_no_warning(lang):
    elements, warnings = LABELS[:7], LABELS[7:]
    for row in load(lang):
        if row["kind"] == "good":
            assert all(row["labels"][k] for k in elements), row["id"]
            assert not any(row["labels"][k] for k in warnings), row["id"]
