"""Read and validate the sentence-labelled corpus, and turn each message into model examples."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from plazo.core.check.engine import (
    analyse,
    clause_units,
    combined_rules,
    rules_report,
    sentence_features,
    sentences,
)
from plazo.core.check.features import lexical_features
from plazo.core.check.learned import LABELS

__all__ = ["Example", "load_messages", "to_example", "validate"]

FIELDS = ("id", "lang", "source", "origin", "source_ref", "genre", "text", "sentences", "labels")


@dataclass(frozen=True)
class Example:
    """One message ready for training: its sentences' features and labels, the rules' verdict."""

    id: str
    lang: str
    source: str
    origin: str
    labels: npt.NDArray[np.bool_]  # (labels,): message level, as labelled
    sentence_labels: npt.NDArray[np.bool_]  # (sentences, labels)
    lexical: list[list[str]]
    signals: list[list[str]]
    rules: npt.NDArray[np.bool_]  # (labels,): what the rules alone say
    combined_rules: npt.NDArray[np.bool_]  # (labels,): what the rules contribute to the model
    # the clauses of sentences that join two statements (``core.check.units``): each one's
    # sentence (index into ``lexical``), features and signals; they carry no label of their own
    clause_parents: list[int] = field(default_factory=list)
    clause_lexical: list[list[str]] = field(default_factory=list)
    clause_signals: list[list[str]] = field(default_factory=list)
    # (clauses, labels): the labels of the labelled spans that lie (4/5) inside each clause;
    # and whether that is all the labelling says of the clause (no labelled span covers it and
    # more, which would not tell which of its sentence's clauses carries the label)
    clause_labels: npt.NDArray[np.bool_] = field(
        default_factory=lambda: np.zeros((0, len(LABELS)), dtype=bool)
    )
    clause_known: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))


def load_messages(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Every message of the ``*.jsonl`` files under the given files or folders."""
    rows: list[dict[str, Any]] = []
    for root in paths:
        files = sorted(root.rglob("*.jsonl")) if root.is_dir() else [root]
        for path in files:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    row = json.loads(line)
                    row.setdefault("source", path.stem)
                    row["_where"] = f"{path}:{number}"
                    rows.append(row)
    return rows


def validate(rows: list[dict[str, Any]], require_source_files: bool = False) -> list[str]:
    """Problems with the corpus (empty when it is well formed), one line each."""
    problems: list[str] = []
    seen: set[str] = set()
    for row in rows:
        where = row.get("_where", row.get("id", "?"))
        missing = [key for key in FIELDS if key not in row]
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}")
            continue
        if row["id"] in seen:
            problems.append(f"{where}: duplicate id {row['id']}")
        seen.add(row["id"])
        if row["lang"] not in ("es", "en"):
            problems.append(f"{where}: lang {row['lang']!r}")
        if require_source_files and not str(where).split(":")[0].endswith(
            f"/{row['lang']}/{row['source']}.jsonl"
        ):
            problems.append(f"{where}: not in <lang>/<source>.jsonl")
        if row["origin"] not in ("paraphrase", "brief"):
            problems.append(f"{where}: origin {row['origin']!r}")
        if set(row["labels"]) != set(LABELS):
            problems.append(f"{where}: label keys {sorted(row['labels'])}")
            continue
        union: set[str] = set()
        for sentence in row["sentences"]:
            if row["text"].find(sentence["text"]) < 0:
                problems.append(f"{where}: sentence not in text: {sentence['text'][:50]!r}")
            unknown = set(sentence["labels"]) - set(LABELS)
            if unknown:
                problems.append(f"{where}: unknown labels {sorted(unknown)}")
            union.update(sentence["labels"])
        for label in LABELS:
            if bool(row["labels"][label]) != (label in union):
                problems.append(
                    f"{where}: {label} is {row['labels'][label]} but sentences disagree"
                )
    return problems


def counts(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Messages, sources and positives per language."""
    result: dict[str, dict[str, Any]] = {}
    sources: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        entry = result.setdefault(row["lang"], {"messages": 0, "positives": Counter()})
        entry["messages"] += 1
        sources[row["lang"]].add(row["source"])
        entry["positives"].update(label for label in LABELS if row["labels"][label])
    for lang, entry in result.items():
        entry["sources"] = len(sources[lang])
        entry["positives"] = dict(entry["positives"])
    return result


def _sentence_labels(row: dict[str, Any], spans: list[tuple[int, int]]) -> npt.NDArray[np.bool_]:
    """Map the labelled sentences onto the segmenter's sentences by overlap.

    A segment takes a labelled span's labels when they overlap by at least half of the shorter
    of the two; a span that overlaps no segment that much goes to the one it overlaps most.
    """
    result = np.zeros((len(spans), len(LABELS)), dtype=bool)
    text = row["text"]
    for sentence in row["sentences"]:
        start = text.find(sentence["text"])
        if start < 0 or not spans:
            continue
        end = start + len(sentence["text"])
        overlaps = [max(0, min(end, e) - max(start, s)) for s, e in spans]
        chosen = [
            i
            for i, (overlap, (s, e)) in enumerate(zip(overlaps, spans, strict=True))
            if overlap and overlap * 2 >= min(end - start, e - s)
        ]
        if not chosen and max(overlaps) > 0:
            chosen = [int(np.argmax(overlaps))]
        columns = [LABELS.index(label) for label in sentence["labels"]]
        for i in chosen:
            result[i, columns] = True
    return result


def _clause_labels(
    row: dict[str, Any], clauses: list[tuple[int, int]]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Each clause's labels (those of the labelled spans at least four fifths inside it) and
    whether they are known (no other labelled span overlaps it: a span over the whole sentence
    does not tell which of its clauses carries its labels)."""
    labels = np.zeros((len(clauses), len(LABELS)), dtype=bool)
    known = np.ones(len(clauses), dtype=bool)
    text = row["text"]
    for sentence in row["sentences"]:
        start = text.find(sentence["text"])
        if start < 0:
            continue
        end = start + len(sentence["text"])
        columns = [LABELS.index(label) for label in sentence["labels"]]
        for i, (s, e) in enumerate(clauses):
            overlap = min(end, e) - max(start, s)
            if overlap <= 0:
                continue
            if overlap * 5 >= (end - start) * 4:
                labels[i, columns] = True
            else:
                known[i] = False
    return labels, known


def to_example(row: dict[str, Any]) -> Example:
    """Run the rules on one labelled message and keep what training needs."""
    analysis = analyse(row["text"], row["lang"])
    segments = sentences(analysis)
    features = sentence_features(analysis, segments, signals=True)
    original = [analysis.prepared.original(seg.start, seg.end) for seg in segments]
    report = rules_report(analysis)
    rules = [report.elements[name].present for name in LABELS[:7]]
    rules += [name in report.warning_codes for name in LABELS[7:]]
    contributed = combined_rules(analysis, segments)
    signals = [flags for _, flags in features]
    parents, clauses, clause_flags = clause_units(analysis, segments, signals)
    folded = analysis.prepared.folded
    clause_labels, clause_known = _clause_labels(
        row, [analysis.prepared.original(c.start, c.end) for c in clauses]
    )
    return Example(
        id=row["id"],
        lang=row["lang"],
        source=row["source"],
        origin=row.get("origin", "brief"),
        labels=np.array([bool(row["labels"][name]) for name in LABELS]),
        sentence_labels=_sentence_labels(row, original),
        lexical=[lexical for lexical, _ in features],
        signals=signals,
        rules=np.array(rules),
        combined_rules=np.array([bool(contributed.get(name)) for name in LABELS]),
        clause_parents=parents,
        clause_lexical=[lexical_features(folded[c.start : c.end]) for c in clauses],
        clause_signals=clause_flags,
        clause_labels=clause_labels,
        clause_known=clause_known,
    )
