"""Turn stored rows into the composer's plain inputs (the composer never sees a model)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from email.utils import parseaddr

from django.conf import settings

from plazo.core import compose
from plazo.core.errors import PlazoError
from plazo.core.health import (
    assess_health,
    estimates_do_not_fit,
    health_to_tell,
    promise_under_review,
)
from plazo.core.regional import date_locale
from plazo.core.scope import hours_by_day
from plazo.store.models import (
    Client,
    Forecast,
    Membership,
    Organisation,
    Project,
    WorkItem,
    WorkItemStatus,
)
from plazo.store.services.work.snapshots import ProjectSnapshot

__all__ = [
    "NotReadyToCompose",
    "burn_up",
    "client_input",
    "client_locale",
    "contacts_input",
    "forecast_view",
    "organisation_input",
    "owner_language",
    "project_input",
    "reader_language",
    "updates_since",
]


class NotReadyToCompose(PlazoError):
    """The project lacks what a client message is composed from (a promise, a dated forecast)."""

    code = "not_ready"


BURN_UP_POINTS = 12


def organisation_input(organisation: Organisation) -> compose.Organisation:
    """The sender: the organisation's own address, else the server's DEFAULT_FROM_EMAIL."""
    fallback_name, fallback_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return compose.Organisation(
        name=organisation.name,
        language=organisation.language,
        currency=organisation.currency,
        country=organisation.country,
        sender_name=organisation.name or fallback_name,
        sender_email=organisation.sender_email or fallback_email,
    )


def reader_language(organisation_id: int, user_id: int | None) -> str | None:
    """The language a member reads plazo in at the organisation (None: the organisation's).

    The one rule for every alert to a person of the studio (a notice that waits, a passed promise,
    a failed check-in or delivery). The organisation's language is its clients' default; a
    member's own is recorded from the dashboard they use (``plazo.web.tenancy``), so an alert is
    written for the person reading it.
    """
    if user_id is None:
        return None
    language = (
        Membership.objects.filter(organisation_id=organisation_id, user_id=user_id)
        .values_list("language", flat=True)
        .first()
    )
    return language or None


def owner_language(project: Project) -> str | None:
    """The language the project's owner reads plazo in (None: the organisation's)."""
    return reader_language(project.organisation_id, project.owner_id)


def client_locale(client: Client, *, language: str | None = None) -> str:
    """The CLDR locale the client's dates and numbers are written in: their language in their
    country, else in the organisation's (English in GB writes 29 January 2027, in the US
    January 29, 2027); ``language`` overrides theirs (for previews)."""
    country = client.country or client.organisation.country
    return date_locale(language or client.language, country)


def client_input(client: Client, *, language: str | None = None) -> compose.Client:
    """The client as the composer needs it; ``language`` overrides theirs (for previews)."""
    return compose.Client(
        name=client.name,
        language=language or client.language,
        register=client.register,
        time_zone=client.time_zone,
        locale=client_locale(client, language=language),
    )


def contacts_input(client: Client) -> list[compose.Contact]:
    """Every contact of the client; the composer names the ones without an address."""
    return [
        compose.Contact(
            name=c.name, email=c.email, first_name=c.first_name, salutation=c.salutation
        )
        for c in client.contacts.all()
    ]


def project_input(project: Project) -> compose.Project:
    owner = project.owner
    if project.promised_on is None:
        raise NotReadyToCompose(f"{project.name} has no promised date yet")
    return compose.Project(
        key=f"{project.organisation_id}-{project.pk}",
        name=project.name,
        owner_name=(owner.get_full_name() or owner.get_username()) if owner else "",
        owner_email=owner.email if owner else "",
        start_on=project.start_on,
        promised_on=project.promised_on,
        stake=project.stake,
        stake_on=project.stake_on,
        value=project.value,
        currency=project.currency,
    )


def burn_up(items: Sequence[WorkItem], *, start: date, today: date) -> compose.BurnUp:
    """Done and in-scope estimated hours at evenly spaced days from the start to today."""
    span = max((today - start).days, 1)
    days = sorted(
        {start + timedelta(days=span * i // (BURN_UP_POINTS - 1)) for i in range(BURN_UP_POINTS)}
    )
    done, scope = hours_by_day([item.scope_item() for item in items], days)
    return compose.BurnUp(tuple(days), tuple(done), tuple(scope))


def forecast_view(
    snapshot: ProjectSnapshot, forecast: Forecast, *, today: date, notice_in_review: bool = False
) -> compose.ForecastView:
    """``forecast`` as the client will read it, with the burn-up of the snapshot's work items.

    ``forecast`` is passed apart from the snapshot: it is often the one just made from it.
    ``notice_in_review``: a delay notice for the project awaits review, so the health told is
    never "on track" (:func:`plazo.core.health.health_to_tell`); when the forecast itself meets
    the promise, the update says the date is under review rather than at risk.
    """
    project = snapshot.project
    if forecast.finish_p50_on is None or forecast.finish_p85_on is None:
        raise NotReadyToCompose(
            f"the forecast of {project.name} has no dates (no capacity or start?)"
        )
    assert forecast.finish_p95_on is not None
    assert project.promised_on is not None
    chart = burn_up(snapshot.items, start=project.start_on, today=today)
    total = chart.scope[-1] if chart.scope else 0.0
    p_on_time = forecast.p_on_time if forecast.p_on_time is not None else 0.0
    health = assess_health(
        today=today,
        promised_on=project.promised_on,
        p_on_time=p_on_time,
        finish_p85_on=forecast.finish_p85_on,
        risk_threshold=float(project.risk_threshold),
        pace_measured=snapshot.pace_measured,
    )
    return compose.ForecastView(
        p50_on=forecast.finish_p50_on,
        p85_on=forecast.finish_p85_on,
        p95_on=forecast.finish_p95_on,
        p_on_time=p_on_time,
        health=health_to_tell(health, notice_in_review=notice_in_review).value,
        under_review=promise_under_review(health, notice_in_review=notice_in_review),
        estimates_short=estimates_do_not_fit(
            today=today,
            promised_on=project.promised_on,
            p_on_time=p_on_time,
            pace_measured=snapshot.pace_measured,
        ),
        percent_complete=100 * chart.done[-1] / total if total else 0.0,
        burn_up=chart,
        basis=compose.ForecastBasis(
            model=forecast.model,
            remaining_hours=forecast.remaining_hours,
            remaining_items=forecast.remaining_items,
            unestimated_items=forecast.unestimated_items,
            history_size=forecast.history_size,
            capacity_hours_per_week=forecast.capacity_hours_per_week,
            growth_rate=forecast.growth_rate,
        ),
    )


def updates_since(
    snapshot: ProjectSnapshot, *, since: datetime | None, limit: int = 5
) -> compose.Updates:
    """What was finished since ``since`` (the newest ``limit``) and what comes next, by plan order
    (the first ``limit``), with how many of each are left out.

    ``since`` is the moment the last update sent to the client was written: an item counts when
    plazo learned it was done after that moment (``done_recorded_at``), so nothing the client
    already read is listed again, even when both updates fall on one day, and an item recorded
    later with an earlier completion day is still reported. Items saved in bulk have no such
    moment; for them the completion day is compared with the day of ``since``.

    ``since`` None means there was no update before: everything finished so far counts, and the
    update says "done so far" (never "nothing this week" about work done before last week).
    """
    project = snapshot.project
    since_day = project.client_today(since) if since is not None else project.start_on
    kept = [i for i in snapshot.items if i.removed_on is None]

    def new(item: WorkItem) -> bool:
        if item.status != WorkItemStatus.DONE or item.completed_on is None:
            return False
        if since is None:
            return True
        if item.done_recorded_at is not None:
            return item.done_recorded_at > since
        return item.completed_on >= since_day

    finished = sorted(filter(new, kept), key=lambda i: (i.completed_on, i.pk))
    ahead = sorted(
        (i for i in kept if i.status != WorkItemStatus.DONE), key=lambda i: (i.position, i.pk)
    )
    return compose.Updates(
        done=tuple(i.title for i in finished[-limit:] if limit),
        next=tuple(i.title for i in ahead[:limit]),
        since_start=since is None,
        done_more=max(0, len(finished) - limit),
        next_more=max(0, len(ahead) - limit),
    )
