"""A project's health in one word, from its forecast and its promise."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

__all__ = ["Health", "assess_health", "health_to_tell", "promise_under_review"]


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


def health_to_tell(health: Health, *, notice_in_review: bool) -> Health:
    """What a weekly update may tell the client about the promise, the one rule for it.

    While a delay notice for the project is being drafted or awaits approval, the promised date
    is being withdrawn: an update that says "on track" for it would be contradicted by the notice
    that follows (a client once read "we are on track" the morning after a delay notice). So the
    update says the promise is at risk (the notice brings the new date); a forecast that already
    says late stays late. Once the notice is approved the promise is the new date, and updates
    speak of that one.
    """
    if notice_in_review and health is Health.ON_TRACK:
        return Health.AT_RISK
    return health


def promise_under_review(health: Health, *, notice_in_review: bool) -> bool:
    """Whether only the notice in review keeps an update from saying "on track".

    Then :func:`health_to_tell` says "at risk", but the forecast the update shows beside it
    meets the promise (it recovered after the case opened, or a person opened the case): "there
    is a risk that we miss 29 January" next to "85 %: no later than 20 January" contradicts
    itself. The update says instead that the promised date is under review, which is true
    whichever way the owner decides (send the notice, or discard it).
    """
    return notice_in_review and health is Health.ON_TRACK
