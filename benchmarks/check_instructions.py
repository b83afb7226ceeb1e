"""The checker's cost in machine instructions per message, counted by ``valgrind --tool=callgrind``.

Run: ``.venv/bin/python benchmarks/check_instructions.py [--messages N] [--other CHECKOUT]``.
Seconds on a shared machine move with the other processes and differ from one machine to the
next; instruction counts do not (the same binary, inputs and environment give the same count). Each
side runs two child processes under callgrind with ``PYTHONPATH=<tree>/src``: one that checks
``--base`` messages and one that checks ``--base`` + ``N``; the difference over ``N`` is the
instructions per message of ``check`` (rules and model), without interpreter start-up and imports.
The messages are ``check_speed.py``'s (~200 words, alternating English and Spanish). With
``--other`` the JSON gives both sides and the ratio (this / other). ``--factor-after N`` sets
``lexicon.FACTOR_AFTER`` in the children (0: the factored scans from the first message, the cost
of a long-running process; a tree without it ignores it). Prints JSON. Needs valgrind (Debian's
package); takes about a minute per side.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

_CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
from check_speed import sample_messages
from plazo.core.check import check, lexicon
if sys.argv[3] != "-":
    lexicon.FACTOR_AFTER = int(sys.argv[3])
for message in sample_messages(int(sys.argv[2])):
    check(message)
"""
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def instructions(tree: Path, count: int, workdir: Path, factor_after: int | None = None) -> int:
    """Instructions callgrind counts for a child that checks ``count`` messages on ``tree``."""
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), OPENBLAS_NUM_THREADS="1")
    script = workdir / "child.py"
    script.write_text(_CHILD)
    command = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={workdir / 'callgrind.out'}",
        sys.executable,
        str(script),
        str(HERE / "benchmarks"),
        str(count),
        "-" if factor_after is None else str(factor_after),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no total:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def measure(tree: Path, base: int, count: int, factor_after: int | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as work:
        start = instructions(tree, base, Path(work), factor_after)
        end = instructions(tree, base + count, Path(work), factor_after)
    return {
        "start_and_base_instructions": start,
        "instructions_per_message": round((end - start) / count),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=100, help="messages counted (default 100)")
    parser.add_argument("--base", type=int, default=2, help="messages checked first (warm-up)")
    parser.add_argument("--other", type=Path, help="another checkout to compare with")
    parser.add_argument(
        "--factor-after", type=int, help="lexicon.FACTOR_AFTER in the children (default: as is)"
    )
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    report: dict[str, object] = {
        "messages": args.messages,
        "factor_after": args.factor_after,
        "this": measure(HERE, args.base, args.messages, args.factor_after),
    }
    if args.other is not None:
        other = measure(args.other.resolve(), args.base, args.messages, args.factor_after)
        report["other"] = other
        this = report["this"]
        assert isinstance(this, dict)
        report["ratio_this_over_other"] = round(
            this["instructions_per_message"] / other["instructions_per_message"], 3
        )
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
