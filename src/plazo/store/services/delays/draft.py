"""The owner's draft of a delay notice, priced once: the pipeline behind review, save, approve.

:func:`price_draft` decides the policy's offer for the chosen date, applies the owner's edits within
the caps and lists what the notice still lacks (``plazo.core.ledger.notice_problems``). The review
page shows it, saving keeps it and approving sends it; none of them repeats those steps.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from plazo.core.calendar import WorkCalendar
from plazo.core.ledger import NoticeProblem, notice_problems
from plazo.core.policy import Decision, OfferProposal, Situation, decide
from plazo.core.policy.edits import (
    OfferEdit,
    OfferProblem,
    edited_offers,
    offer_cap,
    stored_offer_edits,
)
from plazo.store.models import DelayCase, Forecast, Project
from plazo.store.services.delays.policy import organisation_policy

__all__ = [
    "NoticeDraft",
    "PricedDraft",
    "PromiseHistory",
    "compensation_for",
    "draft_from_case",
    "offer_cap_for",
    "price_draft",
    "project_promise_history",
    "project_situation",
    "promise_history",
    "promises_before",
    "recommended_on",
    "slip_situation",
]


@dataclass(frozen=True)
class NoticeDraft:
    """What the owner typed; blanks and no steps are allowed (the pricing says what lacks)."""

    new_on: date | None
    cause: str = ""
    identified: str = ""
    prevention: str = ""
    recovery_steps: tuple[str, ...] = ()
    offer_edits: tuple[OfferEdit, ...] = ()
    ready_for_stake: str = ""  # what can still be delivered before the stake, if it is missed
    cause_category: str = ""  # whose cause (CauseCategory); blank keeps the case's

    def applied_to(self, case: DelayCase) -> DelayCase:
        """An unsaved copy of ``case`` holding this draft."""
        draft = copy.copy(case)
        draft.cause, draft.identified = self.cause.strip(), self.identified.strip()
        draft.prevention = self.prevention.strip()
        draft.recovery_steps = [step.strip() for step in self.recovery_steps if step.strip()]
        draft.chosen_on = self.new_on
        draft.offer_edits = [edit.to_json() for edit in self.offer_edits]
        draft.ready_for_stake = self.ready_for_stake.strip()
        if self.cause_category:
            draft.cause_category = self.cause_category
        return draft


@dataclass(frozen=True)
class PricedDraft:
    """A draft with the policy's offer, the owner's edits applied, and what it still lacks."""

    draft: NoticeDraft
    case: DelayCase  # an unsaved copy of the case holding the draft
    cap: Decimal
    decision: Decision | None  # the policy's own offer for the chosen date (None: no date yet)
    offers: tuple[OfferProposal, ...]  # what the notice offers, the edits applied
    offer_problems: tuple[OfferProblem, ...]
    problems: tuple[NoticeProblem, ...]
    situation: Situation | None = None  # the slip the decision was made for
    history: PromiseHistory | None = None  # the promises before the case (with a date)

    @property
    def promises_before(self) -> int | None:
        """Promises made before the case opened (None: no date chosen, not read)."""
        return None if self.history is None else self.history.before_case

    @property
    def complete(self) -> bool:
        """Nothing lacks and the offer keeps within the caps: the notice can be composed."""
        return not self.problems and not self.offer_problems

    @property
    def offer_due(self) -> bool:
        """True unless the policy offers nothing for this slip (then the apology is enough)."""
        return self.decision is None or bool(self.decision.offers)

    @property
    def edits_to_keep(self) -> tuple[OfferEdit, ...]:
        """The owner's edits, or none when they only repeat the policy's own offer."""
        if self.decision is not None and self.offers == self.decision.offers:
            return ()
        return self.draft.offer_edits

    def decision_in(self, lang: str) -> Decision | None:
        """The policy's own decision for the same slip, worded in ``lang``."""
        if self.situation is None:
            return None
        return decide(
            organisation_policy(self.case.project.organisation), self.situation, lang=lang
        )

    @property
    def priced_decision(self) -> Decision | None:
        """The policy's decision carrying the offers the notice makes."""
        return replace(self.decision, offers=self.offers) if self.decision else None


def promises_before(case: DelayCase) -> int:
    """Promises made before the case opened (so a preview after approval matches the notice)."""
    return case.project.commitments.filter(made_at__lt=case.opened_at).count()


@dataclass(frozen=True)
class PromiseHistory:
    """What pricing and telling a slip read of the project's promises: the first date promised
    (the plan's end) and the dates promised before the case opened, oldest first."""

    first_promised_on: date | None
    promised_before_case: tuple[date, ...] = ()

    @property
    def before_case(self) -> int:
        """How many promises were made before the case opened (:func:`promises_before`)."""
        return len(self.promised_before_case)

    def earlier_than(self, previous: date | None) -> tuple[date, ...]:
        """The dates promised before ``previous`` (the promise the case moves), oldest first.

        The same date recorded twice in a row is one promise (an import that repeats the
        first one). Not empty: the notice is a re-slip and names them (the policy counts the
        same promises as earlier slips).
        """
        dates: list[date] = []
        for day in self.promised_before_case:
            if not dates or dates[-1] != day:
                dates.append(day)
        if dates and dates[-1] == previous:
            dates.pop()
        return tuple(dates)


def promise_history(case: DelayCase) -> PromiseHistory:
    """The project's :class:`PromiseHistory` before ``case`` opened."""
    return project_promise_history(case.project, before=case.opened_at)


def project_promise_history(project: Project, *, before: datetime) -> PromiseHistory:
    """The :class:`PromiseHistory` of a slip of ``project`` noticed at ``before``, in one query
    (a project has a handful of promises)."""
    made = project.commitments.order_by("made_at", "pk").values_list("promised_on", "made_at")
    rows = list(made)
    return PromiseHistory(
        rows[0][0] if rows else None,
        tuple(promised_on for promised_on, made_at in rows if made_at < before),
    )


def compensation_for(
    case: DelayCase, new_on: date, *, today: date, lang: str | None = None
) -> Decision:
    """What the organisation's policy offers for moving the promise to ``new_on``.

    Worded in ``lang`` (the offers' descriptions and the explanation); the client's language by
    default, since the offers go into the notice.
    """
    project = case.project
    return decide(
        organisation_policy(project.organisation),
        slip_situation(case, new_on, today=today),
        lang=lang or project.client.language,
    )


def slip_situation(
    case: DelayCase, new_on: date, *, today: date, history: PromiseHistory | None = None
) -> Situation:
    """The slip to ``new_on`` as the policy sees it: its size, the plan, the client, repeats.

    ``history`` is the case's :func:`promise_history` when the caller has already read it.
    """
    project = case.project
    history = history or promise_history(case)
    calendar = project.work_calendar()
    previous = case.previous_promised_on or project.promised_on or today
    return project_situation(
        project,
        history,
        slip_working_days=max(0, calendar.working_days_between(previous, new_on) - 1),
        previous_promised_on=previous,
        today=today,
        cause=case.cause_category,
        calendar=calendar,
    )


def project_situation(
    project: Project,
    history: PromiseHistory,
    *,
    slip_working_days: int,
    previous_promised_on: date,
    today: date,
    cause: str,
    calendar: WorkCalendar | None = None,
) -> Situation:
    """A slip of ``slip_working_days`` past ``previous_promised_on``, told on ``today``, as the
    policy sees it: the plan (start to the first promise), the client's tier, the value, and
    every promise after the first as an earlier slip."""
    calendar = calendar or project.work_calendar()
    planned_end = history.first_promised_on or previous_promised_on
    return Situation(
        slip_working_days=slip_working_days,
        planned_working_days=max(1, calendar.working_days_between(project.start_on, planned_end)),
        value=project.value,
        currency=project.currency,
        tier=project.client.tier,
        repeat=max(0, history.before_case - 1),
        cause=cause,
        notice_lead_working_days=calendar.working_days_between(today, previous_promised_on),
    )


def offer_cap_for(case: DelayCase) -> Decimal:
    """The most the offers of ``case`` may be worth together, under the organisation's caps."""
    project = case.project
    policy = organisation_policy(project.organisation)
    return offer_cap(policy, project.value, project.currency)


def recommended_on(case: DelayCase, forecast: Forecast | None) -> date | None:
    """The new date to recommend now: the current ``forecast``'s, when it names one after the
    old promise; else the one recorded when the case opened.

    ``DelayCase.recommended_on`` stays as it was at the opening, for the record; progress since
    then moves the forecast, and a recommendation older than the forecast beside it would
    contradict it ("20 Jan (97 %)" next to a P85 of 11 Jan).
    """
    current = forecast.recommended_on if forecast is not None else None
    previous = case.previous_promised_on
    if current is not None and (previous is None or current > previous):
        return current
    return case.recommended_on


def _latest_forecast(case: DelayCase) -> Forecast | None:
    return (
        Forecast.objects.for_organisation(case.organisation_id)
        .filter(project_id=case.project_id)
        .latest_run()
    )


def draft_from_case(case: DelayCase, *, forecast: Forecast | None = None) -> NoticeDraft:
    """The draft saved on ``case``; the current recommended date until the owner picks one.

    ``forecast`` is the project's latest (read here when not given).
    """
    recommended = None
    if case.chosen_on is None:
        recommended = recommended_on(case, forecast or _latest_forecast(case))
    return NoticeDraft(
        new_on=case.chosen_on or recommended,
        cause=case.cause,
        identified=case.identified,
        prevention=case.prevention,
        recovery_steps=tuple(str(step) for step in case.recovery_steps),
        offer_edits=stored_offer_edits(case.offer_edits),
        ready_for_stake=case.ready_for_stake,
        cause_category=case.cause_category,
    )


def price_draft(case: DelayCase, draft: NoticeDraft, *, today: date) -> PricedDraft:
    """Decide, apply the edits and list the problems of ``draft`` for ``case`` on ``today``."""
    project = case.project
    working = draft.applied_to(case)
    cap = offer_cap_for(case)
    situation: Situation | None = None
    history: PromiseHistory | None = None
    decision: Decision | None = None
    offers: tuple[OfferProposal, ...] = ()
    offer_problems: tuple[OfferProblem, ...] = ()
    if draft.new_on is not None:
        history = promise_history(case)
        situation = slip_situation(working, draft.new_on, today=today, history=history)
        decision = decide(
            organisation_policy(project.organisation), situation, lang=project.client.language
        )
        offers, offer_problems = edited_offers(
            decision,
            draft.offer_edits,
            cap=cap,
            value=project.value,
            currency=project.currency,
            lang=project.client.language,
        )
    problems = notice_problems(
        draft.new_on,
        today=today,
        previous_promised_on=case.previous_promised_on,
        cause=draft.cause,
        identified=draft.identified,
        prevention=draft.prevention,
        recovery_steps=draft.recovery_steps,
        offer_amounts=None if decision is None else [offer.amount for offer in offers],
        offer_required=decision is None or bool(decision.offers),
    )
    return PricedDraft(
        draft, working, cap, decision, offers, offer_problems, problems, situation, history
    )
