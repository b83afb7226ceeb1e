"""Leave-writer-out misses of the checker, per label, written to a file for reading.

Run: ``.venv/bin/python benchmarks/check_misses.py OUT_DIR [--langs en,es] [--labels a,b]
[--alone 0|1] [--context 0|1]`` (needs the ``train`` extra). The same nested grouped
cross-validation as ``check_settings.py --by-writer`` (training sources only; the frozen test
sources are never opened): every message is decided by models that never saw its writer. Prints
the scores as JSON (all / first five writers / later writers) and writes
``OUT_DIR/misses-<lang>.jsonl``: one line per later writer's false negative or false positive of
each chosen label, with the message's sentences, their labels and their out-of-fold probability
of that label, the second stage's probability and the threshold it was decided at, and the
rules' verdict.

OUT_DIR holds corpus text: keep it outside the repository (``/tmp``); never commit it.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from plazo.checktrain.corpus import Example, load_messages, to_example
from plazo.checktrain.evaluate import _combined, _truth, scores, training_files
from plazo.checktrain.train import GroupedCV, Settings, grouped_cv
from plazo.core.check.engine import analyse, sentences
from plazo.core.check.learned import LABELS

OLDER = ("ena-", "enb-", "enc-", "end-", "enf-", "esa-", "esb-", "esc-", "esd-", "esf-")
WEAK = "assurance,plan,vague_timing,blames_client,compensation"


def sentence_texts(row: dict[str, Any]) -> list[str]:
    """The message's sentences as the model sees them (the segmenter's), in the input's text."""
    analysis = analyse(row["text"], row["lang"])
    spans = [analysis.prepared.original(s.start, s.end) for s in sentences(analysis)]
    return [row["text"][start:end] for start, end in spans]


def misses(
    rows: list[dict[str, Any]], examples: list[Example], cv: GroupedCV, labels: list[str]
) -> list[dict[str, Any]]:
    """The later writers' misses of each label, one record each."""
    truth = _truth(examples)
    found: list[dict[str, Any]] = []
    for i, (row, example) in enumerate(zip(rows, examples, strict=True)):
        if example.id.startswith(OLDER):
            continue
        for name in labels:
            column = LABELS.index(name)
            if truth[i, column] == cv.present[i, column]:
                continue
            texts = sentence_texts(row)
            probability = cv.sentences[i][:, column] if len(cv.sentences[i]) else []
            found.append(
                {
                    "id": example.id,
                    "label": name,
                    "kind": "fn" if truth[i, column] else "fp",
                    "stacked": round(float(cv.stacked[i, column]), 3) if cv.stacked.size else None,
                    "threshold": round(float(cv.thresholds[i, column]), 3)
                    if cv.thresholds.size
                    else None,
                    "rules": bool(example.rules[column]),
                    "sentences": [
                        {
                            "p": round(float(p), 3),
                            "gold": [LABELS[c] for c in np.flatnonzero(labelled)],
                            "text": text,
                            "signals": [f for f in flags if not f.startswith("!pos")],
                        }
                        for p, labelled, text, flags in zip(
                            probability,
                            example.sentence_labels,
                            texts,
                            example.signals,
                            strict=True,
                        )
                    ],
                    "labelled": row["sentences"],
                }
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("corpus/checker"))
    parser.add_argument("--langs", default="en,es")
    parser.add_argument("--labels", default=WEAK)
    parser.add_argument("--alone", type=int, choices=(0, 1), help="Settings.alone")
    parser.add_argument("--context", type=int, choices=(0, 1), help="Settings.context")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.alone is not None:
        settings = replace(settings, alone=bool(args.alone))
    if args.context is not None:
        settings = replace(settings, context=bool(args.context))
    labels = [name for name in args.labels.split(",") if name]
    args.out.mkdir(parents=True, exist_ok=True)
    rows = load_messages(training_files(args.corpus, args.corpus / "split.json"))
    result: dict[str, Any] = {}
    for lang in args.langs.split(","):
        chosen = [row for row in rows if row["lang"] == lang]
        examples = [to_example(row) for row in chosen]
        # folds by writer: a writer is the id's first part (``ena``, ``esq``)
        grouped = [replace(e, source=e.id.split("-", 1)[0]) for e in examples]
        cv = grouped_cv(grouped, settings, _combined(grouped))
        truth = _truth(grouped)
        older = np.array([e.id.startswith(OLDER) for e in grouped])
        result[lang] = {
            "all": scores(truth, cv.present),
            "older": scores(truth[older], cv.present[older]),
            "newer": scores(truth[~older], cv.present[~older]),
        }
        with (args.out / f"misses-{lang}.jsonl").open("w", encoding="utf-8") as handle:
            for record in misses(chosen, grouped, cv, labels):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
