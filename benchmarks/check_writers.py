"""Does the newer writers' data help, and how does the checker do on their sources?

Run: ``.venv/bin/python benchmarks/check_writers.py [--older ena-,enb-,...]`` (needs the
``train`` extra). Grouped cross-validation on the TRAINING sources only (the frozen test sources
are never opened), shipped ``Settings``, per language:

- ``older_only``: CV on the older writers' training sources alone;
- ``all_on_older`` / ``all_on_newer``: CV on every training source, its out-of-fold decisions
  scored separately on the older writers' sources and on the newer writers' ones.

Prints JSON: {lang: {"messages": {...}, "older_only" | "all_on_older" | "all_on_newer":
{label: {...}, "macro_f1"}}}. The newer writers' sources are the nearest thing the project has to
messages its first writers never saw (docs/checker.md, "Fifth pass").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from plazo.checktrain.corpus import load_messages, to_example
from plazo.checktrain.evaluate import _combined, _truth, scores, training_files
from plazo.checktrain.train import Settings, grouped_cv_decisions

__all__ = ["OLDER", "main"]

# the writers of the corpus up to the fourth pass (docs/checker.md, "The corpus")
OLDER = "ena-,enb-,enc-,end-,enf-,esa-,esb-,esc-,esd-,esf-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus/checker"))
    parser.add_argument("--older", default=OLDER, help="source prefixes of the older writers")
    args = parser.parse_args(argv)
    older = tuple(args.older.split(","))
    rows = load_messages(training_files(args.corpus, args.corpus / "split.json"))
    examples = [to_example(row) for row in rows]
    settings = Settings()
    result = {}
    for lang in sorted({e.lang for e in examples}):
        train = [e for e in examples if e.lang == lang]
        is_older = np.array([e.source.startswith(older) for e in train])
        truth = _truth(train)
        decided = grouped_cv_decisions(train, settings, _combined(train))
        old = [e for e in train if e.source.startswith(older)]
        result[lang] = {
            "messages": {"older": len(old), "newer": len(train) - len(old)},
            "older_only": scores(_truth(old), grouped_cv_decisions(old, settings, _combined(old))),
            "all_on_older": scores(truth[is_older], decided[is_older]),
            "all_on_newer": scores(truth[~is_older], decided[~is_older]),
        }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
