"""Label-agreement audit of the checker corpus: a seeded blind sample, then agreement and kappa.

Only TRAINING sources (``split.json``) are ever opened; the frozen test sources are never read.

    python -m plazo.checktrain.audit sample corpus/checker [--plan audit15] -o blind.txt
    python -m plazo.checktrain.audit compare corpus/checker audit-labels.json [--plan audit15]
    python -m plazo.checktrain.audit pool corpus/checker audit13-labels.json audit14-labels.json ...

``sample`` writes the id and text of each sampled message and nothing else (no labels), so the
auditor can relabel blind; ``compare`` reads the auditor's labels (``{id: [label, ...]}``) and
prints, per language and label, agreement, Cohen's kappa, the auditor's F1 against the corpus,
the confusion counts and the disagreements; ``pool`` adds up several audits' counts per language
and label (the ceiling that label agreement puts on a model's F1). A *plan* names a seed and the
groups drawn from it; the default plan is ``audit13`` (the first audit), so its sample never
changes when a plan is added; ``compare`` and ``pool`` use
the plan whose sample is exactly the audited ids (``compare`` unless ``--plan`` names one).
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

__all__ = [
    "DEFAULT_PLAN",
    "GROUPS",
    "PLANS",
    "SEED",
    "Agreement",
    "Plan",
    "agreement",
    "draw_sample",
    "main",
    "training_rows",
]

# (lang, prefixes of the writers, messages to draw), drawn in this order from one seeded stream.
Group = tuple[str, tuple[str, ...], int]


@dataclass(frozen=True)
class Plan:
    """One audit's sample: a seed and the groups drawn, in order, from its one stream."""

    seed: int
    groups: tuple[Group, ...]


PLANS: dict[str, Plan] = {
    "audit13": Plan(
        seed=13,
        groups=(
            ("en", ("enc-", "end-"), 60),
            ("es", ("esc-", "esd-"), 60),
            ("en", ("ena-", "enb-"), 30),
            ("es", ("esa-", "esb-"), 30),
        ),
    ),
    "audit14": Plan(
        seed=14,
        groups=(
            ("en", ("eng-", "enh-", "eni-", "enj-", "enk-", "enl-"), 90),
            ("es", ("esg-", "esh-", "esi-", "esj-", "esk-"), 90),
        ),
    ),
    "audit15": Plan(
        seed=15,
        groups=(
            ("en", ("eno-", "enp-", "enq-", "enr-"), 80),
            ("es", ("eso-", "esp-", "esq-", "esr-"), 80),
        ),
    ),
}
DEFAULT_PLAN = "audit13"
SEED = PLANS[DEFAULT_PLAN].seed
GROUPS = PLANS[DEFAULT_PLAN].groups


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


def draw_sample(corpus: Path, plan: str = DEFAULT_PLAN) -> list[dict[str, Any]]:
    """The plan's sample: for each of its groups, that many messages without replacement."""
    chosen = PLANS[plan]
    rng = random.Random(chosen.seed)
    sample: list[dict[str, Any]] = []
    for lang, prefixes, size in chosen.groups:
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

    @property
    def f1(self) -> float | None:
        """The auditor's F1 with the corpus as the truth (symmetric: the corpus's F1 against the
        auditor is the same number); None when neither rater says the label anywhere."""
        marked = 2 * self.both + self.corpus_only + self.audit_only
        return 2 * self.both / marked if marked else None

    def __add__(self, other: Agreement) -> Agreement:
        return Agreement(
            both=self.both + other.both,
            corpus_only=self.corpus_only + other.corpus_only,
            audit_only=self.audit_only + other.audit_only,
            neither=self.neither + other.neither,
        )


def agreement(pairs: Sequence[tuple[bool, bool]]) -> Agreement:
    """Count ``(corpus, audit)`` pairs into an ``Agreement``."""
    return Agreement(
        both=sum(1 for c, a in pairs if c and a),
        corpus_only=sum(1 for c, a in pairs if c and not a),
        audit_only=sum(1 for c, a in pairs if a and not c),
        neither=sum(1 for c, a in pairs if not c and not a),
    )


def _write_blind(corpus: Path, out: Path, plan: str) -> None:
    lines: list[str] = []
    for row in draw_sample(corpus, plan):
        lines += [f"=== {row['id']}", str(row["text"]), ""]
    out.write_text("\n".join(lines), encoding="utf-8")


def _plan_of(corpus: Path, audit: dict[str, list[str]]) -> str:
    """The plan whose sample is exactly the audited ids (the audit13 plan if none is)."""
    for name in PLANS:
        if {row["id"] for row in draw_sample(corpus, name)} == set(audit):
            return name
    return DEFAULT_PLAN


def _cell(result: Agreement) -> dict[str, Any]:
    f1 = result.f1
    return {
        "agreement": round(result.observed, 3),
        "kappa": round(result.kappa, 3),
        "f1": None if f1 is None else round(f1, 3),
        "both": result.both,
        "corpus_only": result.corpus_only,
        "audit_only": result.audit_only,
        "neither": result.neither,
    }


def _audited(
    corpus: Path, audit_path: Path, plan: str | None
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """The plan's sample (training rows) and the auditor's labels, which must cover it."""
    audit: dict[str, list[str]] = json.loads(audit_path.read_text(encoding="utf-8"))
    sample = draw_sample(corpus, plan or _plan_of(corpus, audit))
    missing = [row["id"] for row in sample if row["id"] not in audit]
    if missing:
        raise SystemExit(f"no audit labels for {len(missing)} messages, e.g. {missing[:3]}")
    return sample, audit


def _agreements(
    sample: list[dict[str, Any]], audit: dict[str, list[str]]
) -> dict[str, dict[str, Agreement]]:
    return {
        lang: {
            label: agreement(
                [
                    (bool(row["labels"][label]), label in audit[row["id"]])
                    for row in sample
                    if row["lang"] == lang
                ]
            )
            for label in LABELS
        }
        for lang in ("en", "es")
    }


def _pool(corpus: Path, audit_paths: Sequence[Path]) -> dict[str, Any]:
    """Several audits' counts added up per language and label (each against its own plan)."""
    total: dict[str, dict[str, Agreement]] = {}
    for path in audit_paths:
        for lang, labels in _agreements(*_audited(corpus, path, None)).items():
            for label, result in labels.items():
                mine = total.setdefault(lang, {})
                mine[label] = mine[label] + result if label in mine else result
    return {
        "audits": [path.name for path in audit_paths],
        "table": {
            lang: {label: _cell(result) for label, result in labels.items()}
            for lang, labels in total.items()
        },
    }


def _compare(corpus: Path, audit_path: Path, plan: str | None) -> dict[str, Any]:
    sample, audit = _audited(corpus, audit_path, plan)
    table = {
        lang: {label: _cell(result) for label, result in labels.items()}
        for lang, labels in _agreements(sample, audit).items()
    }
    disagreements: list[dict[str, Any]] = []
    for lang in ("en", "es"):
        rows = [row for row in sample if row["lang"] == lang]
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
    pool = commands.add_parser("pool", help="several audits' agreement added up")
    pool.add_argument("corpus", type=Path)
    pool.add_argument("audits", type=Path, nargs="+")
    sample.add_argument("--plan", choices=sorted(PLANS), default=DEFAULT_PLAN)
    compare.add_argument(
        "--plan", choices=sorted(PLANS), help="default: the plan whose sample is the audited ids"
    )
    args = parser.parse_args(argv)
    if args.command == "sample":
        _write_blind(args.corpus, args.out, args.plan)
    else:
        result = (
            _pool(args.corpus, args.audits)
            if args.command == "pool"
            else _compare(args.corpus, args.audit, args.plan)
        )
        json.dump(result, sys.stdout, indent=1)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
