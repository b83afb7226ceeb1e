"""Which model forecasts a project: estimates when most remaining items have one, else counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "AUTO",
    "ESTIMATES",
    "FORECAST_MODES",
    "REASONS",
    "THROUGHPUT",
    "ModelChoice",
    "ReadReason",
    "choose_model",
    "read_reason",
]

AUTO, ESTIMATES, THROUGHPUT = "auto", "estimates", "throughput"
FORECAST_MODES = (AUTO, ESTIMATES, THROUGHPUT)

# The sentences a choice is stored with (Forecast.model_reason), by code. They are English, and
# stored; readers in another language look the code up again with read_reason().
COUNTS = "{estimated} of {total} remaining items have estimates"
REASONS = {
    "estimates_set": "estimates, as the project is set ({counts})",
    "estimates_auto": "estimates, chosen by itself: {counts}",
    "estimates_no_pace": (
        "estimates: no items completed in recent weeks to count throughput from ({counts})"
    ),
    "throughput_set": "throughput, as the project is set: {counts}",
    "throughput_auto": "throughput, chosen by itself: {counts}",
}


@dataclass(frozen=True)
class ModelChoice:
    """The mode a forecast runs in, and a sentence saying why."""

    mode: str  # "estimates" (the sized model, unestimated items drawn) or "throughput"
    why: str


@dataclass(frozen=True)
class ReadReason:
    """A stored reason taken apart again: which sentence, and its counts."""

    code: str
    estimated: int
    total: int


def _reason(code: str, estimated: int, total: int) -> str:
    return REASONS[code].format(counts=COUNTS.format(estimated=estimated, total=total))


def _pattern(code: str) -> re.Pattern[str]:
    counts = re.escape(COUNTS).replace(r"\{estimated\}", r"(?P<estimated>\d+)")
    counts = counts.replace(r"\{total\}", r"(?P<total>\d+)")
    return re.compile(re.escape(REASONS[code]).replace(r"\{counts\}", counts))


_PATTERNS = {code: _pattern(code) for code in REASONS}


def read_reason(why: str) -> ReadReason | None:
    """The code and counts of a sentence :func:`choose_model` wrote; None for any other text."""
    for code, pattern in _PATTERNS.items():
        found = pattern.fullmatch(why.strip())
        if found:
            return ReadReason(code, int(found["estimated"]), int(found["total"]))
    return None


def choose_model(
    setting: str, *, estimated_items: int, unestimated_items: int, throughput_known: bool
) -> ModelChoice:
    """Follow the project's setting; ``auto`` counts items when most remaining ones lack estimates.

    Throughput needs completed items in the recent weeks (``throughput_known``); without them
    the estimates model runs and the reason says so.
    """
    if setting not in FORECAST_MODES:
        raise ValueError(
            f"unknown forecast mode {setting!r} (choose from {', '.join(FORECAST_MODES)})"
        )
    total = estimated_items + unestimated_items

    def choice(mode: str, code: str) -> ModelChoice:
        return ModelChoice(mode, _reason(code, estimated_items, total))

    if setting == ESTIMATES:
        return choice(ESTIMATES, "estimates_set")
    wants_throughput = setting == THROUGHPUT or unestimated_items * 2 > total
    if wants_throughput and not throughput_known:
        return choice(ESTIMATES, "estimates_no_pace")
    if wants_throughput:
        return choice(THROUGHPUT, "throughput_set" if setting == THROUGHPUT else "throughput_auto")
    # Only "auto" gets here: a "throughput" setting always wants throughput.
    return choice(ESTIMATES, "estimates_auto")
