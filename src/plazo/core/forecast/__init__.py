"""Monte Carlo forecasts of remaining effort and finish dates, calibrated on a team's history."""

from __future__ import annotations

from plazo.core.forecast.backtest import (
    AS_KNOWN_THEN,
    PROTOCOLS,
    BacktestReport,
    ModelScore,
    backtest,
)
from plazo.core.forecast.choice import FORECAST_MODES, ModelChoice, choose_model
from plazo.core.forecast.explain import explain_inputs
from plazo.core.forecast.growth import Growth, measure_growth
from plazo.core.forecast.history import (
    History,
    HistoryError,
    HistoryRow,
    Task,
    history_from_rows,
    read_history_csv,
    read_tasks_csv,
)
from plazo.core.forecast.plans import DEFAULT_MODEL, MODELS, SamplingPlan, UnknownModel, plan_model
from plazo.core.forecast.project import PortfolioProject, forecast_portfolio, forecast_project
from plazo.core.forecast.result import GrowthForecast, ProjectForecast
from plazo.core.forecast.throughput import (
    DEFAULT_THROUGHPUT_WEEKS,
    Throughput,
    ThroughputForecast,
    forecast_by_throughput,
    forecast_throughput,
    weekly_throughput,
)

__all__ = [
    "AS_KNOWN_THEN",
    "DEFAULT_MODEL",
    "DEFAULT_THROUGHPUT_WEEKS",
    "FORECAST_MODES",
    "MODELS",
    "PROTOCOLS",
    "BacktestReport",
    "Growth",
    "GrowthForecast",
    "History",
    "HistoryError",
    "HistoryRow",
    "ModelChoice",
    "ModelScore",
    "PortfolioProject",
    "ProjectForecast",
    "SamplingPlan",
    "Task",
    "Throughput",
    "ThroughputForecast",
    "UnknownModel",
    "backtest",
    "choose_model",
    "explain_inputs",
    "forecast_by_throughput",
    "forecast_portfolio",
    "forecast_project",
    "forecast_throughput",
    "history_from_rows",
    "measure_growth",
    "plan_model",
    "read_history_csv",
    "read_tasks_csv",
    "weekly_throughput",
]
