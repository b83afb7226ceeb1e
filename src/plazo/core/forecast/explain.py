"""The inputs of a forecast in one sentence, so a reader sees what the number stands on."""

from __future__ import annotations

from plazo.core.forecast.result import ProjectForecast

__all__ = ["explain_inputs"]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def explain_inputs(forecast: ProjectForecast, capacity_hours_per_week: float | None) -> str:
    """Remaining estimated hours, unestimated items, expected growth, capacity, history, model."""
    parts = []
    if forecast.model == "throughput":
        parts.append(f"{_plural(forecast.remaining_items, 'remaining item', 'remaining items')}")
        if forecast.unestimated_items:
            parts.append(f"{forecast.unestimated_items:,} of them unestimated")
        parts.append(
            f"{forecast.items_per_week:.1f} items completed a week over the last "
            f"{_plural(forecast.throughput_weeks, 'week', 'weeks')}"
        )
    else:
        parts.append(f"{forecast.remaining_hours:,.1f} h of remaining estimates")
        parts.append(
            f"{_plural(forecast.unestimated_items, 'unestimated item', 'unestimated items')}"
            + (" sized from finished items" if forecast.unestimated_items else "")
        )
    if forecast.growth is not None:
        parts.append(
            f"expected growth {forecast.growth.rate:.2f} h added per known hour "
            f"({_plural(forecast.growth.observations, 'observation', 'observations')})"
        )
    elif forecast.model != "throughput":
        parts.append("no growth measured")
    if capacity_hours_per_week is not None:
        parts.append(f"capacity {capacity_hours_per_week:g} h/week")
    unit = "items completed" if forecast.model == "throughput" else "finished tasks"
    parts.append(f"history of {forecast.history_size:,} {unit}")
    parts.append(f"model {forecast.model}")
    return "Inputs: " + ", ".join(parts) + "."
