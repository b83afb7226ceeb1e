"""Forecasts of stored projects, kept as history, and the chance of finishing by any day."""
