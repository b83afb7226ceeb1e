"""Label-agreement audit of the checker corpus: a seeded blind sample, then agreement and kappa.

Only TRAINING sources (``split.json``) are ever opened; the frozen test sources are never read.

    python -m plazo.checktrain.audit sample corpus/checker -o blind.txt
    python -m plazo.checktrain.audit compare corpus/checker audit-labels.json

``sample`` writes the id and text of each sampled message and nothing else (no labels), so the
auditor can relabel blind; ``compare`` reads the auditor's labels (``{id: [label, ...]}``) and
prints, per language and label, agreement, Cohen's kappa, the confusion counts and the
disagreements.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plazo.core.check.learned import LABELS

__all__ = ["GROUPS", "SEED", "Agreement", "agreement", "draw_sample", "main", "training_rows"]

SEED = 13
# (lang, prefixes of the writers, messages to draw), drawn in this order from one seeded stream.
GROUPS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("en", ("enc-", "end-"), 60),
    ("es", ("esc-", "esd-"), 60),
    ("en", ("ena-", "enb-"), 30),
    ("es", ("esa-", "esb-"), 30),
)


def training_rows(corpus: Path, lang: str, prefixes: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every message of the training sources of ``lang`` whose name starts with a prefix."""
    split = json.loads((corpus / "split.json").read_text(encoding="utf-8"))
    sources = sorted(s for s in split["languages"][lang]["train"] if s.startswith(prefixes))
    rows: list[dict[str, Any]] = []
    for source in sources:
        path = corpus / lang / f"{source}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return sorted(rows, key=lambda row: str(row["id"]))


def draw_sample(corpus: Path, seed: int = SEED) -> list[dict[str, Any]]:
    """The audit sample: for each group of ``GROUPS``, that many messages without replacement."""
    rng = random.Random(seed)
    sample: list[dict[str, Any]] = []
    for lang, prefixes, size in GROUPS:
        sample.extend(rng.sample(training_rows(corpus, lang, prefixes), size))
    return sample


@dataclass(frozen=True)
class Agreement:
    """Agreement of the auditor with the corpus on one label over a set of messages."""

    both: int  # true in both
    corpus_only: int
    audit_only: int
    neither: int

    @property
    def total(self) -> int:
        return self.both + self.corpus_only + self.audit_only + self.neither

    @property
    def observed(self) -> float:
        return (self.both + self.neither) / self.total if self.total else 1.0

    @property
    def kappa(self) -> float:
        """Cohen's kappa; 1.0 when both raters are constant and agree (chance agreement 1)."""
        n = self.total
        if not n:
            return 1.0
        corpus_yes = (self.both + self.corpus_only) / n
        audit_yes = (self.both + self.audit_only) / n
        chance = corpus_yes * audit_yes + (1 - corpus_yes) * (1 - audit_yes)
        return 1.0 if chance == 1 else (self.observed - chance) / (1 - chance)


def agreement(pairs: Sequence[tuple[bool, bool]]) -> Agreement:
    """Count ``(corpus, audit)`` pairs into an ``Agreement``."""
    return Agreement(
        both=sum(1 for c, a in pairs if c and a),
        corpus_only=sum(1 for c, a in pairs if c and not a),
        audit_only=sum(1 for c, a in pairs if a and not c),
        neither=sum(1 for c, a in pairs if not c and not a),
    )


def _write_blind(corpus: Path, out: Path) -> None:
    lines: list[str] = []
    for row in draw_sample(corpus):
        lines += [f"=== {row['id']}", str(row["text"]), ""]
    out.write_text("\n".join(lines), encoding="utf-8")


def _compare(corpus: Path, audit_path: Path) -> dict[str, Any]:
    audit: dict[str, list[str]] = json.loads(audit_path.read_text(encoding="utf-8"))
    sample = draw_sample(corpus)
    missing = [row["id"] for row in sample if row["id"] not in audit]
    if missing:
        raise SystemExit(f"no audit labels for {len(missing)} messages, e.g. {missing[:3]}")
    table: dict[str, dict[str, Any]] = {}
    disagreements: list[dict[str, Any]] = []
    for lang in ("en", "es"):
        rows = [row for row in sample if row["lang"] == lang]
        table[lang] = {}
        for label in LABELS:
            pairs = [(bool(row["labels"][label]), label in audit[row["id"]]) for row in rows]
            result = agreement(pairs)
            table[lang][label] = {
                "agreement": round(result.observed, 3),
                "kappa": round(result.kappa, 3),
                "both": result.both,
                "corpus_only": result.corpus_only,
                "audit_only": result.audit_only,
                "neither": result.neither,
            }
        for row in rows:
            for label in LABELS:
                corpus_says = bool(row["labels"][label])
                if corpus_says != (label in audit[row["id"]]):
                    disagreements.append({"id": row["id"], "label": label, "corpus": corpus_says})
    return {"table": table, "disagreements": disagreements}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m plazo.checktrain.audit")
    commands = parser.add_subparsers(dest="command", required=True)
    sample = commands.add_parser("sample", help="write the blind sample (ids and texts only)")
    sample.add_argument("corpus", type=Path)
    sample.add_argument("-o", "--out", type=Path, required=True)
    compare = commands.add_parser("compare", help="agreement of audit labels with the corpus")
    compare.add_argument("corpus", type=Path)
    compare.add_argument("audit", type=Path)
    args = parser.parse_args(argv)
    if args.command == "sample":
        _write_blind(args.corpus, args.out)
    else:
        json.dump(_compare(args.corpus, args.audit), sys.stdout, indent=1)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
