"""A project's health in one word, from its forecast and its promise."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

__all__ = ["Health", "assess_health"]


class Health(StrEnum):
    """How a client would put it: fine, in danger, or going to be late."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    LATE = "late"


def assess_health(
    *,
    today: date,
    promised_on: date,
    p_on_time: float,
    finish_p85_on: date | None,
    risk_threshold: float,
) -> Health:
    """Classify a project.

    1. Late: the promised date has passed, or missing it is more likely than not (P < 0.5).
    2. At risk: P(on time) is below the project's threshold, or the P85 finish passes the promise
       (the two early-warning triggers).
    3. Otherwise on track.
    """
    if not 0.0 <= p_on_time <= 1.0:
        raise ValueError(f"p_on_time must be a probability, got {p_on_time}")
    if promised_on < today or p_on_time < 0.5:
        return Health.LATE
    if p_on_time < risk_threshold or (finish_p85_on is not None and finish_p85_on > promised_on):
        return Health.AT_RISK
    return Health.ON_TRACK
