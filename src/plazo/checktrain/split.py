"""The frozen test split of the checker corpus: whole sources, drawn by a seeded hash.

Rule (fixed before any model was trained, never tuned on results):

* A source is a test source when ``sha256(f"{SALT}:{SEED}:{source_id}")`` read as a fraction of
  2**256 is below ``FRACTION`` (about 23 % of sources), so a source that arrives later is assigned
  by the same rule and no earlier assignment ever changes.
* The converted original corpus (``*-plazo-v1``) is always a training source: the rules were
  widened by reading its errors, so it cannot measure them honestly.
* Stratification: inside each (language, origin) stratum with at least 3 sources, if the hash
  put none of them in the test split, the source with the smallest hash is moved to it, so the
  split always holds both paraphrased and brief-written sources.
* Once written to ``split.json`` an assignment is frozen: rewriting the file keeps every listed
  source where it is and assigns only new sources (by the rule above).

``python -m plazo.checktrain.split corpus/checker`` rewrites ``corpus/checker/split.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = [
    "FRACTION",
    "SEED",
    "assign",
    "corpus_sources",
    "frozen_assignment",
    "hash_fraction",
    "is_always_train",
    "main",
]

SALT = "plazo-checker-split-v1"
SEED = 13
FRACTION = 0.23
MIN_STRATUM = 3


def hash_fraction(source_id: str) -> float:
    """A number in [0, 1) fixed by the source id and the seed alone."""
    digest = hashlib.sha256(f"{SALT}:{SEED}:{source_id}".encode()).hexdigest()
    return int(digest, 16) / 2**256


def is_always_train(source_id: str) -> bool:
    """The converted original corpus: the rules were tuned on it."""
    return source_id.endswith("-plazo-v1")


def assign(
    sources: Iterable[tuple[str, str, str]], frozen: Mapping[str, str] | None = None
) -> dict[str, str]:
    """``{source_id: "train" | "test"}`` for (source_id, lang, origin) triples; sources in
    ``frozen`` (an earlier assignment) keep their side."""
    frozen = frozen or {}
    result: dict[str, str] = {}
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for source_id, lang, origin in sorted(set(sources)):
        if source_id in frozen:
            result[source_id] = frozen[source_id]
        elif is_always_train(source_id):
            result[source_id] = "train"
            continue
        else:
            result[source_id] = "test" if hash_fraction(source_id) < FRACTION else "train"
        strata[(lang, origin)].append(source_id)
    for members in strata.values():
        if len(members) >= MIN_STRATUM and not any(result[s] == "test" for s in members):
            movable = [s for s in members if s not in frozen]
            if movable:
                result[min(movable, key=hash_fraction)] = "test"
    return result


def frozen_assignment(path: Path) -> dict[str, str]:
    """The assignment written in ``split.json`` (empty when there is none)."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        source: side_name
        for sides in data["languages"].values()
        for side_name in ("train", "test")
        for source in sides[side_name]
    }


def corpus_sources(root: Path) -> list[tuple[str, str, str]]:
    """(source_id, lang, origin) of every source file under ``root`` (``<lang>/<source>.jsonl``)."""
    found: list[tuple[str, str, str]] = []
    for path in sorted(root.glob("*/*.jsonl")):
        origin = "brief"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                origin = json.loads(line).get("origin", "brief")
                break
        found.append((path.stem, path.parent.name, origin))
    return found


def write_split(root: Path) -> dict[str, object]:
    """Assign every source under ``root`` and write ``root/split.json``."""
    sources = corpus_sources(root)
    assigned = assign(sources, frozen_assignment(root / "split.json"))
    by_lang: dict[str, dict[str, list[str]]] = {}
    for source_id, lang, _ in sources:
        side = by_lang.setdefault(lang, {"train": [], "test": []})
        side[assigned[source_id]].append(source_id)
    data: dict[str, object] = {
        "rule": (
            f"test iff sha256('{SALT}:{SEED}:<source_id>')/2**256 < {FRACTION}; '*-plazo-v1' "
            f"sources always train; a (lang, origin) stratum of >= {MIN_STRATUM} sources with no "
            "test source gets its smallest-hash new source moved to test; sources already "
            "listed here never move"
        ),
        "salt": SALT,
        "seed": SEED,
        "fraction": FRACTION,
        "origins": {source_id: origin for source_id, _, origin in sources},
        "languages": by_lang,
    }
    (root / "split.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> int:
    """Rewrite ``split.json`` for the corpus folder given."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path, nargs="?", default=Path("corpus/checker"))
    args = parser.parse_args(argv)
    data = write_split(args.corpus)
    print(json.dumps(data["languages"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
