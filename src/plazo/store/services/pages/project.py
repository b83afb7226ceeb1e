"""Read models of one project: the owner's project page and the client's status page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from plazo.core.calendar import local_day
from plazo.core.health import Health, health_to_tell
from plazo.core.ledger import Outcome, PromiseRecord, PromiseStanding, promise_standings
from plazo.store.models import (
    OPEN_CASE_STATES,
    Commitment,
    DelayCase,
    DelayCaseState,
    Forecast,
    Message,
    MessageKind,
    MessageState,
    Offer,
    OrganisationQuerySet,
    Project,
    ProjectStatus,
    PromiseEvent,
    PromiseEventKind,
    StatusPage,
    WorkItem,
    WorkItemStatus,
)
from plazo.store.services.access.status_pages import live_status_page, status_page_for_token
from plazo.store.services.ledger.records import made_on
from plazo.store.services.pages.portfolio import (
    forecast_says_anything,
    project_health,
    starts_short,
)
from plazo.store.services.work.snapshots import ProjectSnapshot, load_project_snapshot

__all__ = [
    "CLIENT_KINDS",
    "ClientStatus",
    "ProjectPage",
    "PromiseRow",
    "client_status",
    "events_to_list",
    "forecast_applies",
    "health_label",
    "project_page",
    "promise_rows",
]

# What the client receives; owner alerts go to the owner and never show on the client's side.
CLIENT_KINDS = (MessageKind.WEEKLY_UPDATE, MessageKind.DELAY_NOTICE, MessageKind.DELIVERED)
LATEST_UPDATES = 5


def events_to_list(events: tuple[PromiseEvent, ...]) -> tuple[PromiseEvent, ...]:
    """A promise's events to list beside its standing (the project page, the status page and
    the ledger alike): its cancellations and reopenings once the project was taken up again (a
    cancellation alone is what the standing already says). A telling outside plazo is shown by
    the standing of the promise it replaced."""
    events = tuple(e for e in events if e.kind != PromiseEventKind.TOLD)
    reopened = any(e.kind == PromiseEventKind.REOPENED for e in events)
    return events if reopened else ()


@dataclass(frozen=True)
class PromiseRow:
    """One promise as every page shows it: the stored row and where it stands for the client.

    ``replaces_on`` is the date it replaced (None: the project's first promise, a promise and not
    a change); ``made_to`` who heard it, the client when nobody was named.
    """

    commitment: Commitment
    standing: PromiseStanding
    events: tuple[PromiseEvent, ...] = ()  # cancelled, taken up again: oldest first
    replaces_on: date | None = None
    made_to: str = ""

    @property
    def history(self) -> tuple[PromiseEvent, ...]:
        return events_to_list(self.events)

    @property
    def first(self) -> bool:
        return self.replaces_on is None


@dataclass(frozen=True)
class ProjectPage:
    """Everything the owner's project page shows."""

    project: Project
    today: date
    health: str
    forecasts: list[Forecast]  # newest first; the first is the current forecast
    commitments: list[Commitment]  # oldest first
    promises: list[PromiseRow]  # the same, with each one's standing
    thread: list[Message]  # sent to the client, oldest first
    items: list[WorkItem]
    open_case: DelayCase | None
    status_page: StatusPage | None
    offers: list[Offer]  # the compensation offered to the client, oldest first
    has_work: bool = True  # False: no work item in scope, so nothing to forecast yet
    work_finished: bool = False  # every task in scope is done: nothing left to forecast
    estimates_short: bool = False  # at risk from the start: no task done, estimates do not fit

    @property
    def latest_forecast(self) -> Forecast | None:
        """The current forecast, if one still says anything (see :func:`forecast_applies`)."""
        applies = forecast_says_anything(
            has_work=self.has_work, work_finished=self.work_finished, status=self.project.status
        )
        return self.forecasts[0] if self.forecasts and applies else None


@dataclass(frozen=True)
class ClientStatus:
    """What a client sees of their project: nothing else of the organisation."""

    project: Project
    today: date
    latest_forecast: Forecast | None
    commitments: list[Commitment]
    promises: list[PromiseRow]
    updates: list[Message]  # newest first: the latest LATEST_UPDATES, or every one when asked
    items: list[WorkItem]
    updates_total: int = 0  # every update the client received
    health: str = ""  # as the project page says it (health_label), for an active project
    estimates_short: bool = False  # at risk from the start: no task done, estimates do not fit

    @property
    def more_updates(self) -> int:
        """How many updates are not shown (the page offers to show them all)."""
        return self.updates_total - len(self.updates)


def project_page(project: Project, *, now: datetime) -> ProjectPage:
    """Load the project page of ``project`` (already scoped to the person's organisation).

    Its work items and current forecast come from its snapshot; the page adds the forecasts over
    time, the promises, the thread and the open case.
    """
    snapshot = load_project_snapshot(project)
    org = project.organisation_id
    today = _today(project, now)
    forecasts = list(Forecast.objects.for_organisation(org).filter(project=project).newest_first())
    commitments = _commitments(project)
    health, estimates_short = health_label(snapshot, today=today)
    return ProjectPage(
        project=project,
        today=today,
        health=health,
        estimates_short=estimates_short,
        forecasts=forecasts,
        commitments=commitments,
        promises=promise_rows(project, commitments, today=today),
        thread=list(_client_messages(project).order_by("sent_at", "pk")),
        items=list(snapshot.items),
        open_case=DelayCase.objects.for_organisation(org)
        .filter(project=project, state__in=OPEN_CASE_STATES)
        .first(),
        status_page=live_status_page(project),
        offers=list(
            Offer.objects.for_organisation(org).filter(project=project).order_by("offered_at", "pk")
        ),
        has_work=snapshot.has_work,
        work_finished=_work_finished(snapshot),
    )


def health_label(snapshot: ProjectSnapshot, *, today: date) -> tuple[str, bool]:
    """The project's health as every page and the API say it: ``on_track``, ``at_risk``,
    ``late`` or ``no_forecast``, and whether it is "at risk from the start: the estimates don't
    fit" (no task done yet, and the estimates miss the promise: what is known on day 0).
    """
    project = snapshot.project
    latest = snapshot.latest_forecast if forecast_applies(snapshot) else None
    p_on_time = latest.p_on_time if latest else None
    health = project_health(
        promised_on=project.promised_on,
        risk_threshold=project.risk_threshold,
        p_on_time=p_on_time,
        finish_p85_on=latest.finish_p85_on if latest else None,
        today=today,
        pace_measured=snapshot.pace_measured,
    )
    short = starts_short(
        promised_on=project.promised_on,
        p_on_time=p_on_time,
        today=today,
        pace_measured=snapshot.pace_measured,
    )
    return str(health), short


def forecast_applies(snapshot: ProjectSnapshot) -> bool:
    """Whether the project's latest forecast still says anything about its finish (the rule is
    :func:`~plazo.store.services.pages.portfolio.forecast_says_anything`)."""
    return forecast_says_anything(
        has_work=snapshot.has_work,
        work_finished=_work_finished(snapshot),
        status=snapshot.project.status,
    )


def _work_finished(snapshot: ProjectSnapshot) -> bool:
    scope = [item for item in snapshot.items if item.removed_on is None]
    return bool(scope) and all(item.status == WorkItemStatus.DONE for item in scope)


def client_status(token: str, *, now: datetime, every_update: bool = False) -> ClientStatus | None:
    """What the live status page behind ``token`` shows, or None (unknown or revoked).

    The latest :data:`LATEST_UPDATES` updates, newest first; ``every_update``: all of them.
    """
    page = status_page_for_token(token)
    if page is None:
        return None
    project = page.project
    snapshot = load_project_snapshot(project)
    today = _today(project, now)
    commitments = _commitments(project)
    updates = _client_messages(project).order_by("-sent_at", "-pk")
    health, estimates_short = health_label(snapshot, today=today)
    if project.status != ProjectStatus.ACTIVE:
        health, estimates_short = "", False  # the ledger says how the promise ended
    elif health in {h.value for h in Health}:  # not "on track" while a notice is drafted
        health = health_to_tell(Health(health), notice_in_review=_draft_open(project)).value
    return ClientStatus(
        project=project,
        today=today,
        latest_forecast=snapshot.latest_forecast if forecast_applies(snapshot) else None,
        commitments=commitments,
        promises=promise_rows(project, commitments, today=today),
        updates=list(updates if every_update else updates[:LATEST_UPDATES]),
        items=list(snapshot.items),
        updates_total=updates.count(),
        health=health,
        estimates_short=estimates_short,
    )


def _draft_open(project: Project) -> bool:
    return DelayCase.objects.filter(project=project, state=DelayCaseState.DRAFT).exists()


def _today(project: Project, now: datetime) -> date:
    """The day it is for the client, whose dates the project's promises are in."""
    return project.client_today(now)


def _commitments(project: Project) -> list[Commitment]:
    return list(
        Commitment.objects.for_organisation(project.organisation_id)
        .filter(project=project)
        .select_related("notice")
        .prefetch_related("events")
        .order_by("made_at", "pk")
    )


def promise_rows(
    project: Project, commitments: list[Commitment], *, today: date
) -> list[PromiseRow]:
    """Each commitment (oldest first) with its standing, in the client's days.

    The records are built as the ledger's are (``plazo.store.services.ledger.records``): made on
    the client's day of ``made_at`` (or the day told outside plazo), heard on the client's day the
    notice was sent.
    """
    zone = project.client.time_zone
    records = [
        PromiseRecord(
            project_id=project.pk,
            client=project.client.name,
            promised_on=c.promised_on,
            made_on=made_on(c.made_at, zone, _told_on(c)),
            notice_sent_on=(
                local_day(c.notice.sent_at, zone) if c.notice and c.notice.sent_at else None
            ),
            outcome=Outcome(c.outcome),
            delivered_on=project.delivered_on if c.is_current else None,
            cancelled_on=c.resolved_on if c.outcome == Outcome.CANCELLED else None,
            told_on=_told_on(c),
            has_notice=c.notice_id is not None,
        )
        for c in commitments
    ]
    standings = promise_standings(records, today=today)
    before: list[date | None] = [None, *(c.promised_on for c in commitments)][: len(commitments)]
    return [
        PromiseRow(
            c, s, tuple(c.events.all()), replaces_on=b, made_to=c.made_to or project.client.name
        )
        for c, s, b in zip(commitments, standings, before, strict=True)
    ]


def _told_on(commitment: Commitment) -> date | None:
    """The day the client was told of ``commitment`` outside plazo (its events are prefetched)."""
    told = [e for e in commitment.events.all() if e.kind == PromiseEventKind.TOLD]
    return told[-1].happened_on if told else None


def _client_messages(project: Project) -> OrganisationQuerySet[Message]:
    return Message.objects.for_organisation(project.organisation_id).filter(
        project=project, kind__in=CLIENT_KINDS, state=MessageState.SENT
    )
