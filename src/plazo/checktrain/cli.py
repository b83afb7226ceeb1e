"""``plazo check train``: train the checker's model on a user's labelled messages."""

from __future__ import annotations

import sys
from pathlib import Path

from plazo.checktrain.corpus import counts, load_messages, validate
from plazo.checktrain.train import Settings, train_model
from plazo.core.check.learned import save_model

__all__ = ["train_command"]


def train_command(corpus: list[Path], output: Path, seed: int) -> int:
    """Validate the corpus, train every language in it and write the model; 2 on bad input."""
    missing = [str(path) for path in corpus if not path.exists()]
    if missing:
        print(f"plazo: error: no such corpus: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        rows = load_messages(corpus)
    except (ValueError, UnicodeDecodeError) as error:
        print(f"plazo: error: the corpus is not valid JSONL ({error})", file=sys.stderr)
        return 2
    problems = validate(rows)
    if not rows or problems:
        print("plazo: error: the corpus has problems:", file=sys.stderr)
        for line in problems[:20] or ["no labelled messages found"]:
            print(f"  {line}", file=sys.stderr)
        return 2
    model = train_model(rows, Settings(seed=seed))
    output.parent.mkdir(parents=True, exist_ok=True)
    save_model(model, output)
    for lang, entry in sorted(counts(rows).items()):
        thresholds = model.info["languages"][lang]["thresholds"]
        print(
            f"{lang}: {entry['messages']} messages from {entry['sources']} sources, "
            f"{model.info['languages'][lang]['features']} features; thresholds "
            + ", ".join(f"{name} {value:.2f}" for name, value in thresholds.items())
        )
    print(f"wrote {output}; use it with PLAZO_CHECK_MODEL={output}")
    return 0
