"""Delay cases: opened when the forecast puts a promise in danger; the notice, when approved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from plazo.core import compose
from plazo.core.calendar import WorkCalendar
from plazo.core.health import Health, assess_health
from plazo.core.policy import Decision, OfferProposal, Situation, decide
from plazo.core.policy.edits import (
    OfferEdit,
    OfferEditError,
    edited_offers,
    offer_cap,
    stored_offer_edits,
)
from plazo.store.models import (
    OPEN_CASE_STATES,
    DelayCase,
    DelayCaseState,
    Forecast,
    Message,
    MessageState,
    Offer,
    Project,
    WorkItem,
)
from plazo.store.services.checkins import compose_inputs as inputs
from plazo.store.services.checkins.covered import withdraw_update_for_notice
from plazo.store.services.delays.policy import organisation_policy
from plazo.store.services.forecasting.run import reforecast_project
from plazo.store.services.ledger.promises import record_promise
from plazo.store.services.outbox.write import store_message
from plazo.store.services.webhooks.events import emit_case_opened

__all__ = [
    "NoticeApproved",
    "approve_notice",
    "compensation_for",
    "compose_notice_for",
    "compose_notice_with",
    "offer_cap_for",
    "open_case_if_at_risk",
]


@dataclass(frozen=True)
class NoticeApproved:
    """The queued notice, the offers it made and any warning for the person who approved it."""

    notice: Message
    offers: tuple[Offer, ...]
    warnings: tuple[str, ...]


def _calendar(project: Project) -> WorkCalendar:
    return WorkCalendar(country=project.country or None, subdivision=project.subdivision or None)


def open_case_if_at_risk(
    project: Project,
    forecast: Forecast,
    *,
    now: datetime,
    items: Sequence[WorkItem] | None = None,
) -> tuple[DelayCase, Message] | None:
    """Open a draft delay case and alert the owner when the forecast puts the promise in danger.

    1. Nothing to do without a promise, or when the project is on track (no transaction is
       opened for that: it is the common case, checked for every project every week).
    2. Nothing to do when a case is open; the database also refuses a second one.
    3. The case starts with the forecast's recommended date; cause and plan are the owner's.
    4. The owner alert and the ``delay_case.opened`` webhooks are written in the same transaction.

    ``items`` are all the project's work items, when the caller already read them.
    """
    if project.promised_on is None or forecast.p_on_time is None:
        return None
    today = now.astimezone(ZoneInfo(project.client.time_zone)).date()
    health = assess_health(
        today=today,
        promised_on=project.promised_on,
        p_on_time=forecast.p_on_time,
        finish_p85_on=forecast.finish_p85_on,
        risk_threshold=float(project.risk_threshold),
    )
    if health is Health.ON_TRACK:
        return None
    return _open_case(project, forecast, now=now, today=today, items=items)


@transaction.atomic
def _open_case(
    project: Project,
    forecast: Forecast,
    *,
    now: datetime,
    today: date,
    items: Sequence[WorkItem] | None,
) -> tuple[DelayCase, Message] | None:
    if DelayCase.objects.filter(project=project, state__in=OPEN_CASE_STATES).exists():
        return None
    case = DelayCase.objects.create(
        organisation_id=project.organisation_id,
        project=project,
        trigger="forecast",
        opened_at=now,
        previous_promised_on=project.promised_on,
        recommended_on=forecast.recommended_on,
        forecast=forecast,
    )
    alert = compose.compose_owner_alert(
        inputs.organisation_input(project.organisation),
        inputs.project_input(project),
        inputs.forecast_view(project, forecast, today=today, items=items),
        client_name=project.client.name,
        draft_url=settings.PLAZO_BASE_URL + reverse("web:delay_case", args=[case.pk]),
        sent_at=now,
        message_key=f"alert-case-{case.pk}",
    )
    message, _ = store_message(
        alert,
        organisation=project.organisation_id,
        project=project,
        key=f"owner_alert:case:{case.pk}",
        state=MessageState.QUEUED,
        now=now,
        delay_case=case,
    )
    emit_case_opened(case, now=now)
    return case, message


def _promises_before(case: DelayCase) -> int:
    """Promises made before the case opened (so a preview after approval matches the notice)."""
    return case.project.commitments.filter(made_at__lt=case.opened_at).count()


def compensation_for(case: DelayCase, new_on: date, *, today: date) -> Decision:
    """What the organisation's policy offers for moving the promise to ``new_on``."""
    project = case.project
    calendar = _calendar(project)
    previous = case.previous_promised_on or project.promised_on or today
    first = project.commitments.order_by("made_at", "pk").first()
    planned_end = first.promised_on if first else previous
    situation = Situation(
        slip_working_days=max(0, calendar.working_days_between(previous, new_on) - 1),
        planned_working_days=max(1, calendar.working_days_between(project.start_on, planned_end)),
        value=project.value,
        currency=project.currency,
        tier=project.client.tier,
        repeat=max(0, _promises_before(case) - 1),
        cause=case.cause_category,
        notice_lead_working_days=calendar.working_days_between(today, previous),
    )
    return decide(
        organisation_policy(project.organisation), situation, lang=project.client.language
    )


def offer_cap_for(case: DelayCase) -> Decimal:
    """The most the offers of ``case`` may be worth together, under the organisation's caps."""
    project = case.project
    policy = organisation_policy(project.organisation)
    return offer_cap(policy, project.value, project.currency)


def compose_notice_for(
    case: DelayCase, new_on: date, *, now: datetime, language: str | None = None
) -> tuple[compose.Message, Decision]:
    """Render the notice for ``case`` moving the promise to ``new_on``, with the case's offer.

    The offer is the policy's, with the owner's edits (``case.offer_edits``) applied; the returned
    decision carries the offers the notice makes. Edits that break the caps raise
    :class:`OfferEditError`.
    """
    project = case.project
    today = now.astimezone(ZoneInfo(project.client.time_zone)).date()
    decision = compensation_for(case, new_on, today=today)
    offers, problems = edited_offers(
        decision,
        stored_offer_edits(case.offer_edits),
        cap=offer_cap_for(case),
        value=project.value,
        currency=project.currency,
        lang=project.client.language,
    )
    if problems:
        raise OfferEditError(problems)
    notice = compose_notice_with(case, new_on, offers, now=now, language=language)
    return notice, replace(decision, offers=offers)


def compose_notice_with(
    case: DelayCase,
    new_on: date,
    offers: Sequence[OfferProposal],
    *,
    now: datetime,
    language: str | None = None,
) -> compose.Message:
    """Render the notice for ``case`` moving the promise to ``new_on`` and making ``offers``."""
    project = case.project
    made = [compose.Offer(o.kind.value, o.amount, o.currency, o.description) for o in offers]
    return compose.compose_delay_notice(
        inputs.organisation_input(project.organisation),
        inputs.client_input(project.client, language=language),
        inputs.contacts_input(project.client),
        inputs.project_input(project),
        compose.DelayCase(
            new_on=new_on,
            cause=case.cause,
            identified=case.identified,
            prevention=case.prevention,
            recovery_steps=tuple(step for step in case.recovery_steps if step.strip()),
            previous_promised_on=case.previous_promised_on or new_on,
        ),
        made[0] if made else None,
        sent_at=now,
        sequence=_promises_before(case),  # the calendar event moves once per promise
        message_key=f"notice-case-{case.pk}",
        extra_offers=made[1:],
    )


@transaction.atomic
def approve_notice(
    case: DelayCase,
    *,
    new_on: date,
    cause: str,
    identified: str,
    prevention: str,
    recovery_steps: Sequence[str],
    now: datetime,
    approved_by: object = None,
    offer_edits: Sequence[OfferEdit] | None = None,
) -> NoticeApproved:
    """Compose the notice, record the new promise and queue the notice, all in one transaction.

    1. Save the owner's facts on the case; the policy decides the offer, the owner's edits
       (``offer_edits``, else those saved on the case) adjust it within the caps.
    2. Compose the notice (it refuses to exist without a date, a cause, a plan and an offer).
    3. Queue it, record the offers and the new promise (which points at the notice).
    """
    case = DelayCase.objects.select_for_update().select_related("project__client").get(pk=case.pk)
    if case.state not in OPEN_CASE_STATES:
        raise ValueError(f"this delay case is {case.state}; only an open case can be approved")
    project = case.project
    today = now.astimezone(ZoneInfo(project.client.time_zone)).date()
    case.cause, case.identified, case.prevention = cause, identified, prevention
    case.recovery_steps = [step for step in recovery_steps if step.strip()]
    case.chosen_on = new_on
    if offer_edits is not None:
        case.offer_edits = [edit.to_json() for edit in offer_edits]
    notice, decision = compose_notice_for(case, new_on, now=now)
    message, _ = store_message(
        notice,
        organisation=project.organisation_id,
        project=project,
        key=f"delay_notice:case:{case.pk}",
        state=MessageState.QUEUED,
        now=now,
        delay_case=case,
    )
    offers = tuple(
        Offer.objects.create(
            organisation_id=project.organisation_id,
            project=project,
            delay_case=case,
            kind=proposal.kind.value,
            amount=proposal.amount,
            currency=proposal.currency,
            description=proposal.description,
            rule=f"{decision.rule} (edited by the owner)" if case.offer_edits else decision.rule,
            offered_at=now,
        )
        for proposal in decision.offers
    )
    recorded = record_promise(
        project,
        new_on,
        made_at=now,
        today=today,
        made_by=approved_by,
        made_to=", ".join(project.client.contacts.values_list("name", flat=True)),
        reason=cause,
        forecast=case.forecast,
        notice=message,
        lang=project.client.language,
    )
    case.state = DelayCaseState.APPROVED
    case.save()
    # The notice is this week's update (checkins/covered.py), and the portfolio must show the
    # forecast against the new promise as soon as the page answers, not after a worker pass.
    withdraw_update_for_notice(project, now=now)
    project.refresh_from_db(fields=["promised_on"])
    reforecast_project(project, today=today, now=now)
    return NoticeApproved(message, offers, tuple(w.message for w in recorded.warnings))
