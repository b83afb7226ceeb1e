"""The review page's slider: the working days a new promise can be picked from, by position.

A position is the n-th working day from the first day a new promise can be (after today and
after the promise it replaces), on the project's calendar with its public holidays.
"""

from __future__ import annotations

from datetime import date, timedelta

from plazo.core.calendar import WorkCalendar
from plazo.store.models import DelayCase, Forecast

__all__ = ["SLIDER_MAX_WORKING_DAYS", "slider_day", "slider_day_for", "slider_days"]

SLIDER_MARGIN_WORKING_DAYS = 10  # past the P95 date, so a cautious owner can still go further
SLIDER_MAX_WORKING_DAYS = 260  # about a year: a longer slip is typed, not slid to


def _calendar(case: DelayCase) -> WorkCalendar:
    project = case.project
    return project.work_calendar()


def _first_slider_day(case: DelayCase, calendar: WorkCalendar, today: date) -> date:
    """The first day a new promise can be: after today and after the promise it replaces."""
    after = max(today, case.previous_promised_on or today)
    return calendar.next_working_day(after + timedelta(days=1))


def slider_day(case: DelayCase, index: int, *, today: date) -> date | None:
    """The date at ``index`` on the slider: the index-th working day from the first one allowed.

    The mapping depends only on today, the case and the project's calendar, so a slider position
    sent by the page means the same day whatever the slider's length was when it was drawn.
    """
    if not 0 <= index < SLIDER_MAX_WORKING_DAYS:
        return None
    calendar = _calendar(case)
    day = _first_slider_day(case, calendar, today)
    for _ in range(index):
        day = calendar.next_working_day(day + timedelta(days=1))
    return day


def slider_day_for(case: DelayCase, chosen: date, *, today: date) -> date:
    """The working day the slider stands on for ``chosen``: the first one allowed on or after it.

    The slider holds working days only, so for a holiday or a weekend it stands on the next
    working day; a page compares a posted position with this, not with ``chosen``, to tell
    whether the slider was moved.
    """
    calendar = _calendar(case)
    return calendar.next_working_day(max(chosen, _first_slider_day(case, calendar, today)))


def slider_days(
    case: DelayCase,
    *,
    today: date,
    chosen: date | None = None,
    forecast: Forecast | None = None,
    recommended: date | None = None,
) -> tuple[date, ...]:
    """The working days a new date can be picked from: the first allowed to past the P95 date.

    The slider always reaches the recommended date and the one the owner chose.
    """
    calendar = _calendar(case)
    first = _first_slider_day(case, calendar, today)
    candidates = [
        day
        for day in (
            chosen,
            recommended or case.recommended_on,
            case.previous_promised_on,
            forecast.finish_p95_on if forecast else None,
        )
        if day is not None
    ]
    last = max([first, *candidates])
    days = [first]
    extra = SLIDER_MARGIN_WORKING_DAYS
    while (days[-1] < last or extra > 0) and len(days) < SLIDER_MAX_WORKING_DAYS:
        if days[-1] >= last:
            extra -= 1
        days.append(calendar.next_working_day(days[-1] + timedelta(days=1)))
    return tuple(days)
