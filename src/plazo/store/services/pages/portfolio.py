"""The dashboard's portfolio: every active project, its health and its next step, in 2 queries."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db.models import Exists, OuterRef, Q, Subquery

from plazo.core.calendar import local_day
from plazo.core.checkin import next_checkin
from plazo.core.health import Health, assess_health, estimates_do_not_fit
from plazo.store.models import (
    OPEN_CASE_STATES,
    Client,
    Commitment,
    DelayCase,
    DelayCaseState,
    Forecast,
    Message,
    MessageKind,
    MessageState,
    Organisation,
    Project,
    ProjectStatus,
    WorkItem,
    WorkItemStatus,
)
from plazo.store.services.work.snapshots import IN_SCOPE

__all__ = [
    "LAST_HEARD_KINDS",
    "NO_FORECAST",
    "SORT_KEYS",
    "Action",
    "Portfolio",
    "PortfolioFilter",
    "PortfolioRow",
    "action_needed",
    "dashboard_portfolio",
    "forecast_says_anything",
    "project_health",
    "starts_short",
]

NO_FORECAST = "no_forecast"  # the health filter's value for projects never forecast
# The *Last update sent* column: a delay notice is the update of the week it falls in
# (``plazo.store.services.weeks.covered``), so it counts as the last the client heard.
LAST_HEARD_KINDS = (MessageKind.WEEKLY_UPDATE, MessageKind.DELAY_NOTICE)


class Action(StrEnum):
    """What the owner should do about a project today, most urgent first."""

    REVIEW_NOTICE = "review_notice"  # a delay notice waits in draft
    TELL_CLIENT = "tell_client"  # at risk or late and the client has not heard since the promise
    SEND_NOTICE = "send_notice"  # a notice was approved but has not reached the client yet
    # A draft notice waits, but the latest forecast keeps the promise again: discard or keep it.
    RECOVERED = "forecast_recovered"
    NONE = ""


_URGENCY = {
    Action.REVIEW_NOTICE: 0,
    Action.TELL_CLIENT: 1,
    Action.SEND_NOTICE: 2,
    Action.RECOVERED: 3,
    Action.NONE: 9,
}
_HEALTH_ORDER = {Health.LATE: 0, Health.AT_RISK: 1, NO_FORECAST: 2, Health.ON_TRACK: 3}


@dataclass(frozen=True)
class PortfolioRow:
    """One active project as the portfolio page shows it."""

    project_id: int
    name: str
    client_id: int
    client: str
    promised_on: date | None
    health: str  # a Health value, or NO_FORECAST
    finish_p85_on: date | None
    p_on_time: float | None
    last_update_at: datetime | None  # the last update the client received (or the notice)
    next_checkin_at: datetime
    open_case_id: int | None
    open_case_state: str
    action: Action
    checkin_error: str = ""  # why the last check-in failed; empty when it ran
    has_work: bool = True  # False: no work item in scope, so nothing to forecast yet
    work_finished: bool = False  # every task in scope is done: nothing left to forecast
    # No task done yet and the estimates do not fit before the promise: at risk from the start
    # (plazo.core.health.estimates_do_not_fit), which the page says instead of a bare "at risk".
    estimates_short: bool = False
    # What ``last_update_at`` sent: a weekly update, or the delay notice that was the update of
    # its week (a weekly update replaced by a notice leaves the client hearing the notice).
    last_update_kind: str = ""

    @property
    def needs_action(self) -> bool:
        """Whether the owner has something to do about this project today."""
        return self.action is not Action.NONE


@dataclass(frozen=True)
class PortfolioFilter:
    """What the person asked to see: filters and one sort key (``-`` prefix: descending)."""

    health: str = ""
    client_id: int | None = None
    search: str = ""
    sort: str = "action"


def action_needed(
    *,
    health: str,
    open_case_state: str,
    notice_sent_at: datetime | None,
    promise_made_at: datetime | None,
) -> Action:
    """The owner's next step: a draft notice first, then an unannounced risk, then an unsent one.

    A delay notice sent after the current promise was made means the client already knows; a notice
    from before the promise belongs to an older slip and does not count. A draft whose project
    the latest forecast puts on track again is no longer the first thing to do: the owner is
    asked to discard or keep it (:attr:`Action.RECOVERED`), after everything else.
    """
    told = notice_sent_at is not None and (
        promise_made_at is None or notice_sent_at >= promise_made_at
    )
    if open_case_state == DelayCaseState.DRAFT:
        return Action.RECOVERED if health == Health.ON_TRACK else Action.REVIEW_NOTICE
    if open_case_state == DelayCaseState.APPROVED and not told:
        return Action.SEND_NOTICE
    if health in (Health.AT_RISK, Health.LATE) and not told:
        return Action.TELL_CLIENT
    return Action.NONE


SORT_KEYS: dict[str, Callable[[PortfolioRow], tuple[Any, ...]]] = {
    # Most urgent step, then projects with an open delay case, then worst health, soonest promise.
    "action": lambda r: (
        _URGENCY[r.action],
        r.open_case_id is None,
        _HEALTH_ORDER[r.health],
        _date_key(r.promised_on),
    ),
    "health": lambda r: (_HEALTH_ORDER[r.health], _date_key(r.promised_on)),
    "promised": lambda r: (_date_key(r.promised_on), r.name),
    "p85": lambda r: (_date_key(r.finish_p85_on), r.name),
    "p_on_time": lambda r: (2.0 if r.p_on_time is None else r.p_on_time, r.name),
    "name": lambda r: (r.name.casefold(),),
    "client": lambda r: (r.client.casefold(), r.name.casefold()),
    "checkin": lambda r: (r.next_checkin_at, r.name),
}


def _date_key(day: date | None) -> date:
    return day or date.max  # undated rows go last


@dataclass(frozen=True)
class Portfolio:
    """The rows to show and the organisation's clients (for the filter)."""

    rows: list[PortfolioRow]
    clients: list[tuple[int, str]]

    @property
    def needing_action(self) -> int:
        """How many projects need the owner today."""
        return sum(1 for row in self.rows if row.needs_action)


def dashboard_portfolio(
    organisation: Organisation, *, now: datetime, wanted: PortfolioFilter | None = None
) -> Portfolio:
    """Active projects of ``organisation`` with health and next step, filtered and sorted.

    1. One query for the projects as plain values, with the latest forecast's numbers, the last
       sent update and notice, the open case and the current promise as correlated subqueries
       (a constant number of queries, however many projects).
    2. One query for the client list (the filter).
    3. Health, next check-in and the owner's next step are computed in Python (pure functions).
    """
    wanted = wanted or PortfolioFilter()
    clock = _Clock(now)
    rows = [_row(values, clock) for values in _project_values(organisation, wanted)]
    if wanted.health:
        rows = [r for r in rows if r.health == wanted.health]
    descending = wanted.sort.startswith("-")
    key = SORT_KEYS.get(wanted.sort.lstrip("-"), SORT_KEYS["action"])
    clients = (
        Client.objects.for_organisation(organisation).order_by("name").values_list("pk", "name")
    )
    return Portfolio(sorted(rows, key=key, reverse=descending), list(clients))


def project_health(
    *,
    promised_on: date | None,
    risk_threshold: float | Decimal,
    p_on_time: float | None,
    finish_p85_on: date | None,
    today: date,
    pace_measured: bool = True,
) -> str:
    """A project's health from its latest forecast, or NO_FORECAST when it cannot be judged.

    ``pace_measured``: a task of the project is done (without one, estimates that miss the
    promise make it at risk, not late: :func:`plazo.core.health.assess_health`).
    """
    if promised_on is None or p_on_time is None:
        return NO_FORECAST
    return assess_health(
        today=today,
        promised_on=promised_on,
        p_on_time=p_on_time,
        finish_p85_on=finish_p85_on,
        risk_threshold=float(risk_threshold),
        pace_measured=pace_measured,
    )


def starts_short(
    *, promised_on: date | None, p_on_time: float | None, today: date, pace_measured: bool
) -> bool:
    """Whether a project's label is "at risk from the start: the estimates don't fit"."""
    if promised_on is None or p_on_time is None:
        return False
    return estimates_do_not_fit(
        today=today, promised_on=promised_on, p_on_time=p_on_time, pace_measured=pace_measured
    )


def forecast_says_anything(*, has_work: bool, work_finished: bool, status: str) -> bool:
    """Whether a project's latest forecast still says anything about its finish.

    Not without work (a forecast kept from before every item was removed says nothing about no
    work), not once every task is done (it would read "finished tomorrow, 100 % likely"), and
    not for a delivered or cancelled project. The one rule of the portfolio and the project
    pages (``plazo.store.services.pages.project.forecast_applies``).
    """
    return has_work and not work_finished and status in (ProjectStatus.ACTIVE, ProjectStatus.PAUSED)


def _project_values(organisation: Organisation, wanted: PortfolioFilter) -> list[Mapping[str, Any]]:
    # Plain values, not model instances: the portfolio reads thousands of projects per request.
    # Every subquery clears its model's default ordering, which would otherwise add joins.
    project = OuterRef("pk")
    forecast = Forecast.objects.filter(project=project).newest_first()
    sent = Message.objects.filter(project=project, state=MessageState.SENT).order_by("-sent_at")
    heard = sent.filter(kind__in=LAST_HEARD_KINDS).order_by("-sent_at", "-pk")
    open_case = DelayCase.objects.filter(project=project, state__in=OPEN_CASE_STATES).order_by()
    promise = Commitment.objects.filter(project=project, is_current=True).order_by()
    work = WorkItem.objects.filter(IN_SCOPE, project=project).order_by()
    work_left = work.exclude(status=WorkItemStatus.DONE)
    queryset = (
        Project.objects.for_organisation(organisation)
        .filter(status=ProjectStatus.ACTIVE)
        .order_by()
        .annotate(
            p_on_time=Subquery(forecast.values("p_on_time")[:1]),
            finish_p85_on=Subquery(forecast.values("finish_p85_on")[:1]),
            last_update_at=Subquery(heard.values("sent_at")[:1]),
            last_update_kind=Subquery(heard.values("kind")[:1]),
            last_notice_at=Subquery(
                sent.filter(kind=MessageKind.DELAY_NOTICE).values("sent_at")[:1]
            ),
            open_case_id=Subquery(open_case.values("pk")[:1]),
            open_case_state=Subquery(open_case.values("state")[:1]),
            promise_made_at=Subquery(promise.values("made_at")[:1]),
            has_work=Exists(work),
            work_left=Exists(work_left),
            work_done=Exists(work.filter(status=WorkItemStatus.DONE)),
        )
    )
    if wanted.client_id is not None:
        queryset = queryset.filter(client_id=wanted.client_id)
    if wanted.search:
        queryset = queryset.filter(
            Q(name__icontains=wanted.search) | Q(client__name__icontains=wanted.search)
        )
    rows = queryset.values(
        "pk",
        "name",
        "status",
        "promised_on",
        "start_on",
        "risk_threshold",
        "checkin_weekday",
        "checkin_hour",
        "client_id",
        "client__name",
        "client__time_zone",
        "p_on_time",
        "finish_p85_on",
        "last_update_at",
        "last_update_kind",
        "last_notice_at",
        "open_case_id",
        "open_case_state",
        "promise_made_at",
        "checkin_error",
        "has_work",
        "work_left",
        "work_done",
    )
    return list(rows)


class _Clock:
    """One moment's local dates and next check-ins, each worked out once per time zone (and
    check-in slot) instead of once per project: thousands of projects share a few of each."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self._days: dict[str, date] = {}
        self._checkins: dict[tuple[int, int, str], datetime] = {}

    def today(self, time_zone: str) -> date:
        day = self._days.get(time_zone)
        if day is None:
            day = self._days[time_zone] = local_day(self.now, time_zone)
        return day

    def next_checkin(self, weekday: int, hour: int, time_zone: str, started_on: date) -> datetime:
        slot = (weekday, hour, time_zone)
        due = self._checkins.get(slot)
        if due is None:
            due = self._checkins[slot] = next_checkin(
                self.now, weekday=weekday, hour=hour, time_zone=time_zone
            )
        if due.date() < started_on:  # updates begin with the project (rare: worked out alone)
            due = next_checkin(
                self.now, weekday=weekday, hour=hour, time_zone=time_zone, started_on=started_on
            )
        return due


def _row(values: Mapping[str, Any], clock: _Clock) -> PortfolioRow:
    time_zone = values["client__time_zone"]
    has_work = bool(values["has_work"])
    work_finished = has_work and not values["work_left"]
    applies = forecast_says_anything(
        has_work=has_work, work_finished=work_finished, status=values["status"]
    )
    p_on_time = values["p_on_time"] if applies else None
    finish_p85_on = values["finish_p85_on"] if applies else None
    pace_measured = bool(values["work_done"])
    today = clock.today(time_zone)
    health = project_health(
        promised_on=values["promised_on"],
        risk_threshold=values["risk_threshold"],
        p_on_time=p_on_time,
        finish_p85_on=finish_p85_on,
        today=today,
        pace_measured=pace_measured,
    )
    open_case_state = values["open_case_state"] or ""
    return PortfolioRow(
        project_id=values["pk"],
        name=values["name"],
        client_id=values["client_id"],
        client=values["client__name"],
        promised_on=values["promised_on"],
        health=health,
        finish_p85_on=finish_p85_on,
        p_on_time=p_on_time,
        last_update_at=values["last_update_at"],
        last_update_kind=values["last_update_kind"] or "",
        next_checkin_at=clock.next_checkin(
            values["checkin_weekday"], values["checkin_hour"], time_zone, values["start_on"]
        ),
        open_case_id=values["open_case_id"],
        open_case_state=open_case_state,
        action=action_needed(
            health=health,
            open_case_state=open_case_state,
            notice_sent_at=values["last_notice_at"],
            promise_made_at=values["promise_made_at"],
        ),
        checkin_error=values["checkin_error"],
        has_work=has_work,
        work_finished=work_finished,
        estimates_short=starts_short(
            promised_on=values["promised_on"],
            p_on_time=p_on_time,
            today=today,
            pace_measured=pace_measured,
        ),
    )
