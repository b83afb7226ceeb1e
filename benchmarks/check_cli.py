"""``plazo check FILE --json`` as a whole process: CPU and wall seconds per run.

Run: ``.venv/bin/python benchmarks/check_cli.py [--runs N] [--other CHECKOUT] [--lang en|es]``.
Each run is a fresh ``python -m plazo check --json FILE`` with this interpreter and
``PYTHONPATH=<tree>/src``; its CPU time is the child's user + system time (``os.wait4``), which
other processes on a shared machine disturb much less than the wall time. With ``--other`` the
runs alternate between the other checkout's ``src`` and this one's, so both see the same load,
and the JSON gives each side's figures and the ratio of the means (this / other). One untimed
run per side first writes the bytecode caches (``PYTHONDONTWRITEBYTECODE`` is dropped for the
children: an installed plazo has its ``.pyc`` files).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# About 50 words, as in docs/checker.md's figures.
MESSAGES = {
    "en": (
        "Hi Anna, I'm sorry: the kitchen installation will be late. The supplier delivered the "
        "wrong worktop, so we can't fit it this week. The new date is Friday 14 March; we have "
        "already ordered a replacement and will check it on arrival. To make up for it, we'll "
        "take 10% off the final invoice."
    ),
    "es": (
        "Hola Marta, lo siento mucho: la web no estará lista el 15 de marzo. Sé que contabas con "
        "ella para la feria. El problema fue un fallo del proveedor de hosting; ya lo hemos "
        "resuelto. La nueva fecha es el 22 de marzo. Como compensación, te hacemos un 10 % de "
        "descuento."
    ),
}


def run_once(tree: Path, path: Path) -> tuple[float, float, int]:
    """One ``plazo check --json`` process on ``tree``'s code: (CPU s, wall s, exit code)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree / "src")
    command = [sys.executable, "-m", "plazo", "check", "--json", str(path)]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, wall, process.returncode


def summary(samples: list[tuple[float, float, int]]) -> dict[str, float]:
    cpu = [s[0] for s in samples]
    wall = [s[1] for s in samples]
    return {
        "cpu_mean_s": round(statistics.mean(cpu), 4),
        "cpu_min_s": round(min(cpu), 4),
        "wall_mean_s": round(statistics.mean(wall), 4),
        "wall_min_s": round(min(wall), 4),
        "wall_max_s": round(max(wall), 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--other", type=Path, help="a checkout to compare with (its src/)")
    parser.add_argument("--lang", choices=sorted(MESSAGES), default="en")
    parser.add_argument("--file", type=Path, help="the message file (default: a built-in one)")
    args = parser.parse_args()

    sides = {"this": HERE} if args.other is None else {"other": args.other.resolve(), "this": HERE}
    with tempfile.TemporaryDirectory() as folder:
        path = args.file or Path(folder) / "message.txt"
        if args.file is None:
            path.write_text(MESSAGES[args.lang], encoding="utf-8")
        codes = {side: run_once(tree, path)[2] for side, tree in sides.items()}  # warm-up
        samples: dict[str, list[tuple[float, float, int]]] = {side: [] for side in sides}
        for _ in range(args.runs):
            for side, tree in sides.items():
                samples[side].append(run_once(tree, path))
    result: dict[str, object] = {
        "runs": args.runs,
        "lang": args.lang,
        "load_average": round(os.getloadavg()[0], 2),
        "exit_codes": codes,
        **{side: summary(values) for side, values in samples.items()},
    }
    if args.other is not None:
        ratio = {}
        for key in ("cpu_mean_s", "wall_mean_s"):
            this, other = summary(samples["this"])[key], summary(samples["other"])[key]
            ratio[key] = round(this / other, 3)
        result["this_over_other"] = ratio
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
