"""The dashboard's portfolio: every active project, its health and its next step, in 3 queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import OuterRef, Q, Subquery

from plazo.core.checkin import next_checkin
from plazo.core.health import Health, assess_health
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
)

__all__ = [
    "NO_FORECAST",
    "SORT_KEYS",
    "Action",
    "Portfolio",
    "PortfolioFilter",
    "PortfolioRow",
    "action_needed",
    "dashboard_portfolio",
    "project_health",
]

NO_FORECAST = "no_forecast"  # the health filter's value for projects never forecast


class Action(StrEnum):
    """What the owner should do about a project today, most urgent first."""

    REVIEW_NOTICE = "review_notice"  # a delay notice waits in draft
    TELL_CLIENT = "tell_client"  # at risk or late and the client has not heard since the promise
    SEND_NOTICE = "send_notice"  # an approved notice has not gone out yet
    NONE = ""


_URGENCY = {Action.REVIEW_NOTICE: 0, Action.TELL_CLIENT: 1, Action.SEND_NOTICE: 2, Action.NONE: 9}
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
    last_update_at: datetime | None
    next_checkin_at: datetime
    open_case_id: int | None
    open_case_state: str
    action: Action

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
    from before the promise belongs to an older slip and does not count.
    """
    if open_case_state == DelayCaseState.DRAFT:
        return Action.REVIEW_NOTICE
    if open_case_state == DelayCaseState.APPROVED:
        return Action.SEND_NOTICE
    if health in (Health.AT_RISK, Health.LATE):
        told = notice_sent_at is not None and (
            promise_made_at is None or notice_sent_at >= promise_made_at
        )
        if not told:
            return Action.TELL_CLIENT
    return Action.NONE


SORT_KEYS: dict[str, Callable[[PortfolioRow], tuple[Any, ...]]] = {
    "action": lambda r: (_URGENCY[r.action], _HEALTH_ORDER[r.health], _date_key(r.promised_on)),
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

    1. One query for the projects, with the latest forecast, last sent update, open case, current
       promise and latest sent notice as correlated subqueries (constant cost in queries).
    2. One query for the latest forecasts' numbers, by primary key; one for the client list.
    3. Health, next check-in and the owner's next step are computed in Python (pure functions).
    """
    wanted = wanted or PortfolioFilter()
    projects = _annotated_projects(organisation, wanted)
    latest = {p.pk: p.latest_forecast_id for p in projects}  # type: ignore[attr-defined]
    forecasts = {
        pk: _ForecastNumbers(p_on_time, p85)
        for pk, p_on_time, p85 in Forecast.objects.for_organisation(organisation)
        .filter(pk__in=[pk for pk in latest.values() if pk is not None])
        .values_list("pk", "p_on_time", "finish_p85_on")
    }
    today = now.astimezone(ZoneInfo(organisation.time_zone)).date()
    rows = [_row(p, forecasts.get(latest[p.pk]), now=now, today=today) for p in projects]
    if wanted.health:
        rows = [r for r in rows if r.health == wanted.health]
    descending = wanted.sort.startswith("-")
    key = SORT_KEYS.get(wanted.sort.lstrip("-"), SORT_KEYS["action"])
    clients = (
        Client.objects.for_organisation(organisation).order_by("name").values_list("pk", "name")
    )
    return Portfolio(sorted(rows, key=key, reverse=descending), list(clients))


# Only what a row needs: the portfolio loads thousands of projects per request.
_PROJECT_FIELDS = (
    "name",
    "promised_on",
    "checkin_weekday",
    "checkin_hour",
    "risk_threshold",
    "client__name",
    "client__time_zone",
)


@dataclass(frozen=True)
class _ForecastNumbers:
    """The latest forecast's numbers a row needs (no model instance: there are thousands)."""

    p_on_time: float | None
    finish_p85_on: date | None


def _annotated_projects(organisation: Organisation, wanted: PortfolioFilter) -> list[Project]:
    project = OuterRef("pk")
    latest_forecast = (
        Forecast.objects.filter(project=project).order_by("-created_at", "-pk").values("pk")[:1]
    )
    last_update = (
        Message.objects.filter(
            project=project, kind=MessageKind.WEEKLY_UPDATE, state=MessageState.SENT
        )
        .order_by("-sent_at")
        .values("sent_at")[:1]
    )
    last_notice = (
        Message.objects.filter(
            project=project, kind=MessageKind.DELAY_NOTICE, state=MessageState.SENT
        )
        .order_by("-sent_at")
        .values("sent_at")[:1]
    )
    open_case = DelayCase.objects.filter(project=project, state__in=OPEN_CASE_STATES)
    promise = Commitment.objects.filter(project=project, is_current=True).values("made_at")[:1]
    queryset = (
        Project.objects.for_organisation(organisation)
        .filter(status=ProjectStatus.ACTIVE)
        .select_related("client")
        .only(*_PROJECT_FIELDS)
        .annotate(
            latest_forecast_id=Subquery(latest_forecast),
            last_update_at=Subquery(last_update),
            last_notice_at=Subquery(last_notice),
            open_case_id=Subquery(open_case.values("pk")[:1]),
            open_case_state=Subquery(open_case.values("state")[:1]),
            promise_made_at=Subquery(promise),
        )
    )
    if wanted.client_id is not None:
        queryset = queryset.filter(client_id=wanted.client_id)
    if wanted.search:
        queryset = queryset.filter(
            Q(name__icontains=wanted.search) | Q(client__name__icontains=wanted.search)
        )
    return list(queryset)


def _row(
    project: Project, forecast: _ForecastNumbers | None, *, now: datetime, today: date
) -> PortfolioRow:
    health = project_health(project, forecast, today)
    open_case_state = project.open_case_state or ""  # type: ignore[attr-defined]
    client = project.client
    return PortfolioRow(
        project_id=project.pk,
        name=project.name,
        client_id=client.pk,
        client=client.name,
        promised_on=project.promised_on,
        health=health,
        finish_p85_on=forecast.finish_p85_on if forecast else None,
        p_on_time=forecast.p_on_time if forecast else None,
        last_update_at=project.last_update_at,  # type: ignore[attr-defined]
        next_checkin_at=next_checkin(
            now,
            weekday=project.checkin_weekday,
            hour=project.checkin_hour,
            time_zone=client.time_zone,
        ),
        open_case_id=project.open_case_id,  # type: ignore[attr-defined]
        open_case_state=open_case_state,
        action=action_needed(
            health=health,
            open_case_state=open_case_state,
            notice_sent_at=project.last_notice_at,  # type: ignore[attr-defined]
            promise_made_at=project.promise_made_at,  # type: ignore[attr-defined]
        ),
    )


def project_health(
    project: Project, forecast: Forecast | _ForecastNumbers | None, today: date
) -> str:
    """The project's health from its latest forecast, or NO_FORECAST when it cannot be judged."""
    if forecast is None or project.promised_on is None:
        return NO_FORECAST
    if forecast.p_on_time is None:
        return NO_FORECAST
    return assess_health(
        today=today,
        promised_on=project.promised_on,
        p_on_time=forecast.p_on_time,
        finish_p85_on=forecast.finish_p85_on,
        risk_threshold=float(project.risk_threshold),
    )
