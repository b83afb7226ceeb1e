"""Monte Carlo forecasts of remaining effort and finish dates, calibrated on a team's history."""

from __future__ import annotations

from plazo.core.forecast.backtest import BacktestReport, ModelScore, backtest
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
from plazo.core.forecast.result import ProjectForecast
from plazo.core.forecast.throughput import ThroughputForecast, forecast_throughput

__all__ = [
    "DEFAULT_MODEL",
    "MODELS",
    "BacktestReport",
    "History",
    "HistoryError",
    "HistoryRow",
    "ModelScore",
    "PortfolioProject",
    "ProjectForecast",
    "SamplingPlan",
    "Task",
    "ThroughputForecast",
    "UnknownModel",
    "backtest",
    "forecast_portfolio",
    "forecast_project",
    "forecast_throughput",
    "history_from_rows",
    "plan_model",
    "read_history_csv",
    "read_tasks_csv",
]
