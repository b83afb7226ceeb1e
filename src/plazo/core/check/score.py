"""The 0-100 score: weighted elements present minus penalties for warnings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = ["ELEMENT_POINTS", "WARNING_PENALTIES", "score"]

# New date and apology matter most to a client; the weights sum to 100.
ELEMENT_POINTS: Mapping[str, int] = {
    "apology": 15,
    "impact": 15,
    "assurance": 10,
    "new_date": 20,
    "cause": 10,
    "plan": 15,
    "compensation": 15,
}
WARNING_PENALTIES: Mapping[str, int] = {
    "vague_timing": 10,
    "blames_client": 25,
    "unknown_date": 15,
}


def score(present: Iterable[str], warning_codes: Iterable[str]) -> int:
    """Sum the points of present elements, subtract each distinct warning once, clamp to 0-100."""
    total = sum(ELEMENT_POINTS[name] for name in set(present))
    total -= sum(WARNING_PENALTIES[code] for code in set(warning_codes))
    return max(0, min(100, total))
