"""SiP as a History CSV with ``created_on`` (the raw data's EstimateOn) and ``kind`` (Category).

Runs the shared converter (``../shared/data/sip/to_history.py``, left untouched) and adds two
columns from the raw files next to it. The output is for a temporary folder only: the data's
licence (CC BY-NC-ND 4.0) forbids committing it or any converted copy.

Tests and benchmarks import it; ``python tests/sip_data.py OUT.csv`` converts by hand.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import datetime
from pathlib import Path

__all__ = ["SIP_DIR", "find_sip", "write_sip_history"]

REPO = Path(__file__).resolve().parents[1]
# ../shared next to the checkout (/work/main), or two levels up for a worktree (/work/wt/NAME).
_CANDIDATES = (
    REPO.parent / "shared" / "data" / "sip",
    REPO.parent.parent / "shared" / "data" / "sip",
)
SIP_DIR = next((c for c in _CANDIDATES if (c / "to_history.py").exists()), _CANDIDATES[0])


def find_sip() -> Path | None:
    """The SiP folder, or None where it is absent."""
    return SIP_DIR if (SIP_DIR / "to_history.py").exists() else None


def write_sip_history(out: Path) -> Path:
    """Convert SiP into ``out`` with the extra ``created_on`` and ``kind`` columns."""
    folder = find_sip()
    if folder is None:
        raise FileNotFoundError(f"the SiP data is not at {SIP_DIR}")
    plain = out.with_suffix(".plain.csv")
    subprocess.run(
        [sys.executable, str(folder / "to_history.py"), str(plain)], check=True, capture_output=True
    )
    estimated_on: dict[str, str] = {}
    with (folder / "raw" / "est-act-dates.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            day = row["EstimateOn"].strip()
            if day:
                iso = datetime.strptime(day, "%d-%b-%y").date().isoformat()
                estimated_on.setdefault(row["TaskNumber"].strip(), iso)
    category: dict[str, str] = {}
    with (folder / "raw" / "Sip-task-info.csv").open(encoding="cp1252", newline="") as handle:
        for row in csv.DictReader(handle):
            category.setdefault(row["TaskNumber"].strip(), row["Category"].strip())
    with (
        plain.open(encoding="utf-8", newline="") as source,
        out.open("w", encoding="utf-8", newline="") as target,
    ):
        reader = csv.DictReader(source)
        fields = [*(reader.fieldnames or []), "created_on", "kind"]
        writer = csv.DictWriter(target, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in reader:
            created = estimated_on.get(row["task"], "")
            # An estimate dated after the completion is a data-entry slip: treat it as unknown.
            row["created_on"] = created if created and created <= row["completed_on"] else ""
            row["kind"] = category.get(row["task"], "")
            writer.writerow(row)
    plain.unlink()
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: sip_history.py OUT.csv")
    write_sip_history(Path(sys.argv[1]))
