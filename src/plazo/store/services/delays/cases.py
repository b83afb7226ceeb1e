"""Delay cases: opened when the forecast puts a promise in danger; the notice, when approved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db import transaction

from plazo.core import compose
from plazo.core.compose.formats import regional_word
from plazo.core.errors import PlazoError
from plazo.core.health import Health, assess_health
from plazo.core.ledger import NoticeProblem
from plazo.core.ledger.rules import describe_problem
from plazo.core.policy import OfferKind, OfferProposal
from plazo.core.policy.edits import OfferEditError
from plazo.core.policy.phrases import phrases_for
from plazo.store.models import (
    OPEN_CASE_STATES,
    Client,
    DelayCase,
    DelayCaseState,
    Forecast,
    Message,
    MessageKind,
    MessageState,
    Offer,
)
from plazo.store.services.composing import inputs
from plazo.store.services.delays.alerts import case_alert_key, compose_case_alert
from plazo.store.services.delays.draft import (
    NoticeDraft,
    PricedDraft,
    PromiseHistory,
    draft_from_case,
    price_draft,
    promise_history,
)
from plazo.store.services.delays.fact_languages import MixedLanguageError, facts_in_other_language
from plazo.store.services.forecasting.finish_chances import finish_chances
from plazo.store.services.forecasting.run import OrganisationHistories, reforecast_project
from plazo.store.services.ledger.promises import record_promise
from plazo.store.services.outbox.write import store_message
from plazo.store.services.webhooks.events import emit_case_opened
from plazo.store.services.weeks.covered import withdraw_update_for_notice
from plazo.store.services.work.snapshots import ProjectSnapshot, load_project_snapshot

__all__ = [
    "CaseNotOpenError",
    "IncompleteNoticeError",
    "NoticeApproved",
    "approve_notice",
    "compose_notice_for",
    "compose_notice_with",
    "compose_priced_notice",
    "notice_offer",
    "open_case_if_at_risk",
    "reslip_chance",
    "withdraw_owner_alerts",
]


@dataclass(frozen=True)
class NoticeApproved:
    """The queued notice, the offers it made, any warning for the person who approved it, and
    the project's forecast against the new promise."""

    notice: Message
    offers: tuple[Offer, ...]
    warnings: tuple[str, ...]
    forecast: Forecast | None = None
    # The chance of the new date the review page showed and the notice may quote
    # (:func:`finish_chances`); the forecast above stores the same figure as its ``p_on_time``.
    told_chance: float | None = None


def open_case_if_at_risk(
    snapshot: ProjectSnapshot, forecast: Forecast, *, now: datetime
) -> tuple[DelayCase, Message] | None:
    """Open a draft delay case and alert the owner when the forecast puts the promise in danger.

    1. Nothing to do without a promise, or when the project is on track (no transaction is
       opened for that: it is the common case, checked for every project every week).
    2. Nothing to do when a case is open; the database also refuses a second one.
    3. The case starts with the forecast's recommended date; cause and plan are the owner's.
    4. The owner alert and the ``delay_case.opened`` webhooks are written in the same transaction.

    ``forecast`` is the project's current one (often just made from ``snapshot``).
    """
    project = snapshot.project
    if project.promised_on is None or forecast.p_on_time is None:
        return None
    today = project.client_today(now)
    health = assess_health(
        today=today,
        promised_on=project.promised_on,
        p_on_time=forecast.p_on_time,
        finish_p85_on=forecast.finish_p85_on,
        risk_threshold=float(project.risk_threshold),
    )
    if health is Health.ON_TRACK:
        return None
    return _open_case(snapshot, forecast, now=now, today=today)


@transaction.atomic
def _open_case(
    snapshot: ProjectSnapshot, forecast: Forecast, *, now: datetime, today: date
) -> tuple[DelayCase, Message] | None:
    project = snapshot.project
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
    alert = compose_case_alert(snapshot, case, forecast, now=now)
    message, _ = store_message(
        alert,
        organisation=project.organisation_id,
        project=project,
        key=case_alert_key(case.pk),
        state=MessageState.QUEUED,
        now=now,
        delay_case=case,
    )
    emit_case_opened(case, now=now)
    return case, message


def compose_notice_for(
    case: DelayCase, new_on: date, *, now: datetime, language: str | None = None
) -> compose.Message:
    """Render the notice for ``case`` moving the promise to ``new_on``, with the case's offer.

    The case's own facts and offer edits are priced as a draft (:func:`price_draft`); edits that
    break the caps raise :class:`OfferEditError`.
    """
    draft = replace(draft_from_case(case), new_on=new_on)
    priced = price_draft(case, draft, today=case.project.client_today(now))
    if priced.offer_problems:
        raise OfferEditError(priced.offer_problems)
    return compose_priced_notice(priced, new_on, now=now, language=language)


def compose_priced_notice(
    priced: PricedDraft,
    new_on: date,
    *,
    now: datetime,
    language: str | None = None,
    chance: float | None = None,
) -> compose.Message:
    """Render the notice of a priced draft (:func:`price_draft`): its case's facts, its offers,
    whether the policy owes one, the calendar event numbered by the promises before it, and,
    for a re-slip, the earlier promises (``chance``: ``new_on``'s, when the caller has it)."""
    return compose_notice_with(
        priced.case,
        new_on,
        priced.offers,
        now=now,
        language=language,
        history=priced.history,
        offer_due=priced.offer_due,
        chance=chance,
    )


def reslip_chance(
    case: DelayCase, new_on: date, *, now: datetime, priced: float | None = None
) -> tuple[compose.DateSupport, float | None]:
    """What a re-slip notice may say of its new date: the forecast's chance of ``new_on``
    (``priced`` when the caller has it, else from the same simulation as the review page,
    :func:`finish_chances`) with FORECAST when it reaches the project's confidence target;
    BELOW_TARGET (no figure) when the owner chose a date the forecast does not support, and
    NO_FORECAST without a forecast. The notice names its basis only for FORECAST."""
    project = case.project
    chance = priced
    if chance is None:
        today = project.client_today(now)
        snapshot = load_project_snapshot(project)
        chances = finish_chances(snapshot, [new_on], today=today, histories=OrganisationHistories())
        chance = (chances or {}).get(new_on)
    support = compose.DateSupport.of(chance, float(project.confidence_target))
    return support, chance if support is compose.DateSupport.FORECAST else None


def compose_notice_with(
    case: DelayCase,
    new_on: date,
    offers: Sequence[OfferProposal],
    *,
    now: datetime,
    language: str | None = None,
    history: PromiseHistory | None = None,
    offer_due: bool = True,
    chance: float | None = None,
) -> compose.Message:
    """Render the notice for ``case`` moving the promise to ``new_on`` and making ``offers``.

    ``history`` is :func:`promise_history` of the case, when the caller has read it already (a
    priced draft has): its count numbers the calendar event's update, and the dates promised
    before the one the case moves make the notice a re-slip that names them (with
    :func:`reslip_chance`; ``chance`` is ``new_on``'s, when the caller has priced it).
    ``offer_due`` is False when the policy offers nothing for this slip: the notice may then go
    without an offer.
    """
    project = case.project
    if history is None:
        history = promise_history(case)
    earlier = history.earlier_than(case.previous_promised_on)
    support, new_on_chance = (
        reslip_chance(case, new_on, now=now, priced=chance)
        if earlier
        else (compose.DateSupport.NO_FORECAST, None)
    )
    made = [notice_offer(o) for o in offers]
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
            ready_for_stake=case.ready_for_stake,
            offer_due=offer_due,
            cause_kind=case.cause_category,
            earlier_promised_on=earlier,
            new_on_support=support,
            new_on_chance=new_on_chance,
        ),
        made[0] if made else None,
        sent_at=now,
        sequence=history.before_case,  # the calendar event moves once per promise
        message_key=f"notice-case-{case.pk}",
        extra_offers=made[1:],
    )


def recorded_description(offer: OfferProposal, client: Client) -> str:
    """The offer as the project's record lists it, in the words the client read: an extra the
    policy worded says "at no cost" with the client's regional word ("sin costo" in Mexico or
    Argentina, "sin coste" in Spain), by the same rule as the notice (``fmt.word``)."""
    if not (offer.worded_by_policy and offer.kind is OfferKind.EXTRA):
        return offer.description
    no_cost = regional_word(inputs.client_locale(client), "no_cost")
    return phrases_for(client.language)("offer.extra", name=offer.item, no_cost=no_cost)


def notice_offer(offer: OfferProposal) -> compose.Offer:
    """An offer as the notice's sentence takes it: the sentence names the kind and the amount
    (and a discount's clean percentage), so the policy's own wording is left out and only the
    owner's words, or an extra's name, are added."""
    description = offer.description
    if offer.worded_by_policy:
        description = offer.item if offer.kind is OfferKind.EXTRA else ""
    percent = offer.percent if offer.kind is OfferKind.DISCOUNT else None
    return compose.Offer(offer.kind.value, offer.amount, offer.currency, description, percent)


class CaseNotOpenError(PlazoError):
    """The delay case was approved, sent or cancelled meanwhile: it can no longer change."""

    code = "case_not_open"


@transaction.atomic
def approve_notice(
    case: DelayCase,
    draft: NoticeDraft,
    *,
    now: datetime,
    approved_by: object = None,
    other_language_confirmed: bool = False,
    warn_in: str = "en",
) -> NoticeApproved:
    """Compose the notice, record the new promise and queue the notice, all in one transaction.

    The notice is in the client's language; the warnings returned (a date below the forecast's
    P50) are for the owner approving it, in ``warn_in`` (the page's language).

    1. Lock the case; only an open one can be approved (:class:`CaseNotOpenError`).
    2. Price the draft once (:func:`price_draft`): the policy's offer with the owner's edits
       within the caps; a draft that still lacks a fact raises :class:`IncompleteNoticeError`.
       Facts written in another language than the client's (the notice quotes them as typed)
       raise :class:`~plazo.store.services.delays.fact_languages.MixedLanguageError` unless the
       owner confirmed them (``other_language_confirmed``).
    3. Compose the notice (it refuses to exist without a date, a cause, a plan and an offer).
    4. Queue it, record the offers and the new promise (which points at the notice).
    5. Re-forecast the project against the new promise in the same transaction, so no page shows
       the old promise's "late" after the decision (the simulation takes milliseconds; waiting
       for the worker's debounce would leave the portfolio stale for a while).
    """
    case = DelayCase.objects.select_for_update().select_related("project__client").get(pk=case.pk)
    if case.state not in OPEN_CASE_STATES:
        raise CaseNotOpenError(
            f"this delay case is {case.state}; only an open case can be approved"
        )
    project = case.project
    today = project.client_today(now)
    priced = price_draft(case, draft, today=today)
    if priced.offer_problems:
        raise OfferEditError(priced.offer_problems)
    if priced.problems or draft.new_on is None or priced.decision is None:
        raise IncompleteNoticeError(priced.problems)
    language = project.client.language
    foreign = facts_in_other_language(draft, language)
    if foreign and not other_language_confirmed:
        raise MixedLanguageError(foreign, language)
    new_on = draft.new_on
    case = priced.case
    case.offer_edits = [edit.to_json() for edit in priced.edits_to_keep]
    # The chance of the new date, as the review page priced it: the notice quotes this one.
    histories = OrganisationHistories()
    snapshot = load_project_snapshot(project)
    told = (finish_chances(snapshot, [new_on], today=today, histories=histories) or {}).get(new_on)
    notice = compose_priced_notice(priced, new_on, now=now, chance=told)
    message, _ = store_message(
        notice,
        organisation=project.organisation_id,
        project=project,
        key=f"delay_notice:case:{case.pk}",
        state=MessageState.QUEUED,
        now=now,
        delay_case=case,
    )
    rule = priced.decision.rule
    offers = tuple(
        Offer.objects.create(
            organisation_id=project.organisation_id,
            project=project,
            delay_case=case,
            kind=proposal.kind.value,
            amount=proposal.amount,
            currency=proposal.currency,
            description=recorded_description(proposal, project.client),
            rule=f"{rule} (edited by the owner)" if case.offer_edits else rule,
            offered_at=now,
        )
        for proposal in priced.offers
    )
    recorded = record_promise(
        project,
        new_on,
        made_at=now,
        today=today,
        made_by=approved_by,
        reason=case.cause,
        forecast=snapshot.latest_forecast or case.forecast,  # not the one that opened the case
        notice=message,
        lang=warn_in,
    )
    case.state = DelayCaseState.APPROVED
    case.save()
    withdraw_owner_alerts(case)
    # The notice is this week's update (weeks/covered.py), and the portfolio must show the
    # forecast against the new promise as soon as the page answers, not after a worker pass.
    withdraw_update_for_notice(project, now=now)
    promised = recorded.commitment.project  # the locked row, holding the new promised date
    forecast = reforecast_project(
        load_project_snapshot(promised), today=today, now=now, histories=histories
    ).forecast
    return NoticeApproved(
        message,
        offers,
        tuple(w.message for w in recorded.warnings),
        forecast=forecast,
        told_chance=told,
    )


_UNSENT = (MessageState.DRAFT, MessageState.QUEUED, MessageState.RETRY)


def withdraw_owner_alerts(case: DelayCase) -> int:
    """Cancel the case's owner alerts that have not gone out: they ask for a review that is done.

    The worker also refuses to send one whose case no longer awaits review (one it had claimed
    before the approval); see ``plazo.mail.outbox``.
    """
    return Message.objects.filter(
        delay_case=case, kind=MessageKind.OWNER_ALERT, state__in=_UNSENT
    ).update(
        state=MessageState.CANCELLED,
        next_attempt_at=None,
        last_error="The notice was approved before this alert went out.",
    )


class IncompleteNoticeError(PlazoError):
    """The draft still lacks a fact the notice needs; ``problems`` names each by field."""

    code = "notice_incomplete"

    def __init__(self, problems: tuple[NoticeProblem, ...]) -> None:
        words = "; ".join(describe_problem(p) for p in problems) or "the delay case has no new date"
        super().__init__(f"the notice is not complete yet: {words}")
        self.problems = problems
