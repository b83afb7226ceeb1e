"""Which model forecasts a project: estimates when most remaining items have one, else counts."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AUTO", "ESTIMATES", "FORECAST_MODES", "THROUGHPUT", "ModelChoice", "choose_model"]

AUTO, ESTIMATES, THROUGHPUT = "auto", "estimates", "throughput"
FORECAST_MODES = (AUTO, ESTIMATES, THROUGHPUT)


@dataclass(frozen=True)
class ModelChoice:
    """The mode a forecast runs in, and a sentence saying why."""

    mode: str  # "estimates" (the sized model, unestimated items drawn) or "throughput"
    why: str


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
    counts = f"{estimated_items} of {total} remaining items have estimates"
    if setting == ESTIMATES:
        return ModelChoice(ESTIMATES, f"estimates, as the project is set ({counts})")
    wants_throughput = setting == THROUGHPUT or unestimated_items * 2 > total
    why = "as the project is set" if setting == THROUGHPUT else "chosen by itself"
    if wants_throughput and not throughput_known:
        return ModelChoice(
            ESTIMATES,
            f"estimates: no items completed in recent weeks to count throughput from ({counts})",
        )
    if wants_throughput:
        return ModelChoice(THROUGHPUT, f"throughput, {why}: {counts}")
    return ModelChoice(ESTIMATES, f"estimates, {why}: {counts}")
