"""The owner's review of a delay notice: a draft in, everything the review page shows out.

Nothing is written by :func:`review_notice`: the owner's draft (date, cause, plan, offer edits)
is applied to a copy of the case, priced by the policy, composed in the client's language and
register, and read by the message checker. :func:`save_notice_draft` keeps a draft on the case;
approving goes through :func:`plazo.store.services.delays.cases.approve_notice`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction

from plazo.core import check, compose
from plazo.core.policy import Decision, OfferProposal
from plazo.core.policy.edits import (
    OfferEdit,
    OfferEditError,
    OfferProblem,
    edited_offers,
    stored_offer_edits,
)
from plazo.store.models import DelayCase, DelayCaseState, Forecast
from plazo.store.services.delays.cases import compensation_for, compose_notice_with, offer_cap_for
from plazo.store.services.delays.slider import slider_days
from plazo.store.services.forecasting.finish_chances import finish_chances

__all__ = [
    "PRACTICES",
    "FieldProblem",
    "NoticeDraft",
    "NoticeReview",
    "draft_from_case",
    "review_notice",
    "save_notice_draft",
]

# The four parts of a good delay notice, and the checker's elements that show each one.
PRACTICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("apologise", ("apology",)),
    ("acknowledge", ("impact", "assurance")),
    ("plan", ("new_date", "cause", "plan")),
    ("compensate", ("compensation",)),
)


@dataclass(frozen=True)
class NoticeDraft:
    """What the owner typed; empty strings and no steps are allowed (the review says what lacks)."""

    new_on: date | None
    cause: str = ""
    identified: str = ""
    prevention: str = ""
    recovery_steps: tuple[str, ...] = ()
    offer_edits: tuple[OfferEdit, ...] = ()

    def applied_to(self, case: DelayCase) -> DelayCase:
        """An unsaved copy of ``case`` holding this draft."""
        draft = copy.copy(case)
        draft.cause, draft.identified = self.cause.strip(), self.identified.strip()
        draft.prevention = self.prevention.strip()
        draft.recovery_steps = [step.strip() for step in self.recovery_steps if step.strip()]
        draft.chosen_on = self.new_on
        draft.offer_edits = [edit.to_json() for edit in self.offer_edits]
        return draft


@dataclass(frozen=True)
class FieldProblem:
    """A fact the notice still lacks, by form field (``code`` says what is wrong)."""

    field: str  # new_on | cause | identified | prevention | recovery_steps | offers
    code: str  # missing | not_after_promise | not_after_today


@dataclass(frozen=True)
class NoticeReview:
    """Everything the review page shows for one draft."""

    case: DelayCase
    draft: NoticeDraft
    today: date
    forecast: Forecast | None
    recommended_on: date | None
    recommended_chance: float | None
    chosen_chance: float | None
    slider_days: tuple[date, ...]
    decision: Decision | None  # the policy's own offer for the chosen date
    cap: Decimal
    offers: tuple[OfferProposal, ...]  # what the notice offers (the edits applied)
    offer_problems: tuple[OfferProblem, ...]
    problems: tuple[FieldProblem, ...]
    notice: compose.Message | None
    compose_problems: tuple[str, ...] = ()
    report: check.CheckReport | None = None
    chances: dict[date, float] = field(default_factory=dict)

    @property
    def below_p50(self) -> bool:
        """True when the chosen date is more likely missed than met: a second slip ahead."""
        return self.chosen_chance is not None and self.chosen_chance < 0.5

    @property
    def slider_index(self) -> int:
        """The slider position of the chosen date (the first working day on or after it)."""
        chosen = self.draft.new_on or self.recommended_on
        if chosen is None:
            return 0
        at_or_after = (i for i, day in enumerate(self.slider_days) if day >= chosen)
        return next(at_or_after, len(self.slider_days) - 1)

    @property
    def satisfied(self) -> bool:
        """True when the notice can go: it composes and the checker finds nothing missing."""
        return self.report is not None and self.report.passes and not self.offer_problems

    def practices(self) -> list[tuple[str, list[tuple[str, bool]]]]:
        """Each of the four parts with its elements and whether the checker found them."""
        elements = self.report.elements if self.report else {}
        return [
            (name, [(e, bool(elements.get(e) and elements[e].present)) for e in names])
            for name, names in PRACTICES
        ]


def draft_from_case(case: DelayCase) -> NoticeDraft:
    """The draft saved on ``case``; the recommended date until the owner picks one."""
    return NoticeDraft(
        new_on=case.chosen_on or case.recommended_on,
        cause=case.cause,
        identified=case.identified,
        prevention=case.prevention,
        recovery_steps=tuple(str(step) for step in case.recovery_steps),
        offer_edits=stored_offer_edits(case.offer_edits),
    )


def review_notice(case: DelayCase, draft: NoticeDraft, *, now: datetime) -> NoticeReview:
    """Price, compose and check ``draft`` for ``case`` as it would go out at ``now``.

    1. The chances of the chosen and the recommended date come from the forecast's simulation.
    2. The policy decides the offer for the chosen date; the owner's edits apply within the cap.
    3. The composer writes the notice in the client's language and register, or says why not.
    4. The checker reads the notice's text: which elements it has, any warning, with spans.
    """
    project = case.project
    today = project.client_today(now)
    working = draft.applied_to(case)
    forecast = project.forecasts.latest_run()
    days = [day for day in (draft.new_on, case.recommended_on) if day is not None]
    chances = finish_chances(project, days, today=today) or {}
    cap = offer_cap_for(case)
    decision: Decision | None = None
    offers: tuple[OfferProposal, ...] = ()
    offer_problems: tuple[OfferProblem, ...] = ()
    if draft.new_on is not None:
        decision = compensation_for(working, draft.new_on, today=today)
        offers, offer_problems = edited_offers(
            decision,
            draft.offer_edits,
            cap=cap,
            value=project.value,
            currency=project.currency,
            lang=project.client.language,
        )
    notice: compose.Message | None = None
    compose_problems: tuple[str, ...] = ()
    report: check.CheckReport | None = None
    if draft.new_on is not None:
        try:
            notice = compose_notice_with(working, draft.new_on, offers, now=now)
        except compose.ComposeError as error:
            compose_problems = error.problems
        except ValueError as error:  # e.g. the project has no promised date to move
            compose_problems = (str(error),)
    if notice is not None:
        report = check.check(notice.text, lang=notice.language)
    return NoticeReview(
        case=case,
        draft=draft,
        today=today,
        forecast=forecast,
        recommended_on=case.recommended_on,
        recommended_chance=chances.get(case.recommended_on) if case.recommended_on else None,
        chosen_chance=chances.get(draft.new_on) if draft.new_on else None,
        slider_days=slider_days(case, today=today, chosen=draft.new_on, forecast=forecast),
        decision=decision,
        cap=cap,
        offers=offers,
        offer_problems=offer_problems,
        problems=_field_problems(case, draft, offers, today),
        notice=notice,
        compose_problems=compose_problems,
        report=report,
        chances=chances,
    )


@transaction.atomic
def save_notice_draft(case: DelayCase, draft: NoticeDraft, *, now: datetime) -> DelayCase:
    """Keep the owner's draft on the open case; edits that break the caps change nothing.

    Edits equal to the policy's offer are stored as none, so a later change of date or policy
    still shows the policy's own offer.
    """
    case = DelayCase.objects.select_for_update().select_related("project__client").get(pk=case.pk)
    if case.state != DelayCaseState.DRAFT:
        raise ValueError(f"this delay case is {case.state}; only a draft can be edited")
    edits = draft.offer_edits
    if draft.new_on is not None and edits:
        today = case.project.client_today(now)
        decision = compensation_for(draft.applied_to(case), draft.new_on, today=today)
        offers, problems = edited_offers(
            decision,
            edits,
            cap=offer_cap_for(case),
            value=case.project.value,
            currency=case.project.currency,
            lang=case.project.client.language,
        )
        if problems:
            raise OfferEditError(problems)
        if offers == decision.offers:
            edits = ()
    saved = NoticeDraft(
        draft.new_on,
        draft.cause,
        draft.identified,
        draft.prevention,
        draft.recovery_steps,
        edits,
    ).applied_to(case)
    saved.save(
        update_fields=[
            "cause",
            "identified",
            "prevention",
            "recovery_steps",
            "chosen_on",
            "offer_edits",
        ]
    )
    return saved


def _field_problems(
    case: DelayCase, draft: NoticeDraft, offers: Sequence[OfferProposal], today: date
) -> tuple[FieldProblem, ...]:
    """The facts still missing, named by field, in the order the form asks for them."""
    problems: list[FieldProblem] = []
    previous = case.previous_promised_on
    if draft.new_on is None:
        problems.append(FieldProblem("new_on", "missing"))
    elif previous is not None and draft.new_on <= previous:
        problems.append(FieldProblem("new_on", "not_after_promise"))
    elif draft.new_on <= today:
        problems.append(FieldProblem("new_on", "not_after_today"))
    for name in ("cause", "identified", "prevention"):
        if not getattr(draft, name).strip():
            problems.append(FieldProblem(name, "missing"))
    if not any(step.strip() for step in draft.recovery_steps):
        problems.append(FieldProblem("recovery_steps", "missing"))
    if draft.new_on is not None and not any(offer.amount > 0 for offer in offers):
        problems.append(FieldProblem("offers", "missing"))
    return tuple(problems)
