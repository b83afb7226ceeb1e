"""A cheap, deterministic proxy of the checker's leave-writer-out score: first writers → later.

Run: ``nice .venv/bin/python benchmarks/check_proxy.py [--langs en,es] [--out FILE]`` (needs the
``train`` extra; run from the repository root). Training sources only: the files come from
``training_files`` (the frozen test sources of ``corpus/checker/split.json`` are never opened).

What it measures: per language, one model is trained with the shipped ``Settings`` on the messages
of the first five writers only (``OLDER`` in ``check_misses.py``: ``ena``–``enf`` /
``esa``–``esf``; second stage and thresholds from its own writer-grouped cross-validation, the
writer being the group), and every message of every later writer is decided by it. Every decision
is thus by a model that never saw that writer, as in leave-writer-out CV, but trained on about half
the data and fitted once, so it runs in a few minutes and the figures sit below the CV's (eighth
pass: macro-F1 on later writers en 0.735, es 0.758 against the CV's 0.767 / 0.779). The rules run
inside (``to_example``), so a rule change moves the figures; compare two versions of the code by
running this twice in one session (e.g. the base with ``PYTHONPATH=<base checkout>/src``).

Prints one JSON object: per language, ``later`` (per-label F1 and ``macro_f1`` on the later
writers' messages), ``detail`` (per label precision / recall / F1 and counts) and the counts of
messages trained on and decided; ``--out`` also writes it to a file.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from plazo.checktrain.corpus import Example, load_messages, to_example
from plazo.checktrain.evaluate import _combined, _rules, _truth, scores, training_files
from plazo.checktrain.train import (
    Settings,
    decide,
    sentence_probabilities,
    top_probabilities,
    train_language,
)
from plazo.core.check.learned import LABELS

OLDER = ("ena-", "enb-", "enc-", "end-", "enf-", "esa-", "esb-", "esc-", "esd-", "esf-")
CORPUS = Path("corpus/checker")


def writer_examples(lang: str) -> list[Example]:
    """The training sources' messages of ``lang``, grouped by writer (the id's prefix)."""
    files = training_files(CORPUS, CORPUS / "split.json")
    rows = [row for row in load_messages(files) if row["lang"] == lang]
    return [replace(e, source=e.id.split("-", 1)[0]) for e in map(to_example, rows)]


def proxy(lang: str, settings: Settings) -> dict[str, Any]:
    """Train on the first writers, decide the later writers' messages, score them."""
    examples = writer_examples(lang)
    train = [e for e in examples if e.id.startswith(OLDER)]
    later = [e for e in examples if not e.id.startswith(OLDER)]
    model, _ = train_language(train, settings)
    found = sentence_probabilities(model, later, settings)
    probabilities = np.array([model.message_probabilities(p) for p in found]).reshape(
        len(later), len(LABELS)
    )
    guess = decide(
        probabilities,
        model.thresholds,
        settings,
        _combined(later),
        top_probabilities(found),
        _rules(later),
    )
    detail = scores(_truth(later), guess)
    flat = {
        name: round(value["f1"], 3) if isinstance(value, dict) else round(value, 3)
        for name, value in detail.items()
    }
    return {"trained_on": len(train), "decided": len(later), "later": flat, "detail": detail}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", default="en,es")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    result = {lang: proxy(lang, Settings()) for lang in args.langs.split(",")}
    text = json.dumps(result, indent=1)
    print(text)
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
