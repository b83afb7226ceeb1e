"""A project's health in one word, from its forecast and its promise."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

__all__ = [
    "Health",
    "assess_health",
    "estimates_do_not_fit",
    "health_to_tell",
    "promise_under_review",
]


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
    pace_measured: bool = True,
) -> Health:
    """Classify a project.

    1. Late: the promised date has passed, or missing it is more likely than not (P < 0.5) at
       the pace measured so far.
    2. At risk: P(on time) is below the project's threshold, or the P85 finish passes the promise
       (the two early-warning triggers); and, with no pace measured yet (``pace_measured``
       False: no task of the project done), a P < 0.5 too. The forecast then stands on the
       estimates and the capacity alone, so it says the estimates do not fit before the promise
       (:func:`estimates_do_not_fit`), not that the work is late: nothing has been done late.
    3. Otherwise on track.
    """
    if not 0.0 <= p_on_time <= 1.0:
        raise ValueError(f"p_on_time must be a probability, got {p_on_time}")
    if promised_on < today or (p_on_time < 0.5 and pace_measured):
        return Health.LATE
    if p_on_time < risk_threshold or (finish_p85_on is not None and finish_p85_on > promised_on):
        return Health.AT_RISK
    return Health.ON_TRACK


def estimates_do_not_fit(
    *, today: date, promised_on: date, p_on_time: float, pace_measured: bool
) -> bool:
    """Whether a project is at risk from the start: no task done yet, and the estimates at the
    planned capacity miss the promise more likely than not.

    What is known on the day a project is created: not a pace (nothing is finished), only that
    the work as estimated does not fit before the promised date. Pages say "at risk from the
    start: the estimates don't fit" and a weekly update says the same, never "at the current
    pace" or "late".
    """
    return not pace_measured and promised_on >= today and p_on_time < 0.5


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
