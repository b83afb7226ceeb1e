"""Compare benchmarks between this tree and another checkout, run alternately on one machine.

Each round runs every benchmark once in the other tree, then once in this one, so load from
other processes falls on both; the table gives each side's median p50 and the median of the
rounds' paired ratios (this tree / the other). With ``--cpu`` a benchmark's request timer reads
the process's CPU time instead of the wall clock (``time.perf_counter`` is replaced before the
benchmark runs): on a shared machine another process's work then costs neither side anything.
Each tree runs with its own ``.venv/bin/python``. Results go to ``--out`` as JSON lines too.

Usage: python benchmarks/interleave.py --other ../baseline [--rounds 3] [--cpu] web web_ledger
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# Run a benchmark script with its clock swapped for CPU time: python -c CPU_CLOCK script args...
CPU_CLOCK = (
    "import runpy, sys, time; time.perf_counter = time.process_time; "
    "sys.argv = sys.argv[1:]; sys.path.insert(0, '.'); "
    "runpy.run_path(sys.argv[0], run_name='__main__')"
)


def run(tree: Path, benchmark: str, *, cpu: bool) -> dict[str, object] | None:
    """One run of ``benchmarks/<benchmark>.py`` in ``tree``: its JSON, or None when it failed."""
    script = tree / "benchmarks" / f"{benchmark}.py"
    if not script.exists():
        return None
    python = str(tree / ".venv" / "bin" / "python")
    command = [python, "-c", CPU_CLOCK, str(script)] if cpu else [python, str(script)]
    done = subprocess.run(command, cwd=tree, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        print(f"{tree.name}/{benchmark} failed: {done.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    result: dict[str, object] = json.loads(lines[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("benchmarks", nargs="+", help="names in benchmarks/, e.g. web")
    parser.add_argument("--other", type=Path, required=True, help="the checkout to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cpu", action="store_true", help="time requests in CPU seconds")
    parser.add_argument("--out", type=Path, default=Path("interleave.jsonl"))
    args = parser.parse_args()

    sides = {"other": args.other.resolve(), "this": HERE}
    p50: dict[tuple[str, str], list[float | None]] = {}
    with args.out.open("a") as out:
        for round_ in range(1, args.rounds + 1):
            for benchmark in args.benchmarks:
                for side, tree in sides.items():
                    result = run(tree, benchmark, cpu=args.cpu)
                    value = None if result is None else float(str(result["p50_ms"]))
                    p50.setdefault((benchmark, side), []).append(value)
                    record = {"round": round_, "side": side, "tree": str(tree), "cpu": args.cpu}
                    out.write(json.dumps({**record, "benchmark": benchmark, "result": result}))
                    out.write("\n")
                    print(f"round {round_} {benchmark} {side}: p50 {value} ms", flush=True)

    clock = "CPU" if args.cpu else "wall"
    print(f"\n{'benchmark':16} {'other p50':>10} {'this p50':>10}  this/other ({clock}, per round)")
    for benchmark in args.benchmarks:
        other, this = p50[(benchmark, "other")], p50[(benchmark, "this")]
        pairs = [t / o for o, t in zip(other, this, strict=True) if o and t]
        ratio = f"{statistics.median(pairs):.3f}" if pairs else "-"
        rounds = ", ".join(f"{r:.2f}" for r in pairs)
        print(f"{benchmark:16} {_median(other):>10} {_median(this):>10}  {ratio} ({rounds})")
    return 0


def _median(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    return f"{statistics.median(known):.1f}" if known else "-"


if __name__ == "__main__":
    sys.exit(main())
