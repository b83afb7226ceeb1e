"""The owner's review of a delay notice: a draft in, everything the review page shows out.

Nothing is written by :func:`review_notice`: the owner's draft (date, cause, plan, offer edits)
is priced once (:func:`plazo.store.services.delays.draft.price_draft`), composed in the client's
language and register, and read by the message checker. :func:`save_notice_draft` keeps a draft
on the case; approving goes through :func:`plazo.store.services.delays.cases.approve_notice`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction

from plazo.core import check, compose
from plazo.core.ledger import NoticeProblem
from plazo.core.policy import Decision, OfferProposal
from plazo.core.policy.edits import OfferEditError, OfferProblem
from plazo.store.models import DelayCase, DelayCaseState, Forecast
from plazo.store.services.checkins.compose_inputs import NotReadyToCompose
from plazo.store.services.delays.cases import CaseNotOpenError, compose_notice_with
from plazo.store.services.delays.draft import NoticeDraft, price_draft
from plazo.store.services.delays.slider import slider_days
from plazo.store.services.forecasting.finish_chances import finish_chances
from plazo.store.services.forecasting.run import OrganisationHistories
from plazo.store.services.work.snapshots import load_project_snapshot

__all__ = ["PRACTICES", "NoticeReview", "review_notice", "save_notice_draft"]

# The four parts of a good delay notice, and the checker's elements that show each one.
PRACTICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("apologise", ("apology",)),
    ("acknowledge", ("impact", "assurance")),
    ("plan", ("new_date", "cause", "plan")),
    ("compensate", ("compensation",)),
)


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
    problems: tuple[NoticeProblem, ...]
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


def review_notice(case: DelayCase, draft: NoticeDraft, *, now: datetime) -> NoticeReview:
    """Price, compose and check ``draft`` for ``case`` as it would go out at ``now``.

    1. The chances of the chosen and the recommended date come from the forecast's simulation.
    2. The draft is priced once (:func:`price_draft`): the policy's offer with the owner's edits.
    3. The composer writes the notice in the client's language and register, or says why not.
    4. The checker reads the notice's text: which elements it has, any warning, with spans.
    """
    project = case.project
    today = project.client_today(now)
    snapshot = load_project_snapshot(project)
    forecast = snapshot.latest_forecast
    days = [day for day in (draft.new_on, case.recommended_on) if day is not None]
    chances = finish_chances(snapshot, days, today=today, histories=OrganisationHistories()) or {}
    priced = price_draft(case, draft, today=today)
    notice: compose.Message | None = None
    compose_problems: tuple[str, ...] = ()
    report: check.CheckReport | None = None
    if draft.new_on is not None:
        try:
            notice = compose_notice_with(priced.case, draft.new_on, priced.offers, now=now)
        except compose.ComposeError as error:
            compose_problems = error.problems
        except NotReadyToCompose as error:  # e.g. the project has no promised date to move
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
        decision=priced.decision,
        cap=priced.cap,
        offers=priced.offers,
        offer_problems=priced.offer_problems,
        problems=priced.problems,
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
        raise CaseNotOpenError(f"this delay case is {case.state}; only a draft can be edited")
    priced = price_draft(case, draft, today=case.project.client_today(now))
    if priced.offer_problems:
        raise OfferEditError(priced.offer_problems)
    saved = priced.case
    saved.offer_edits = [edit.to_json() for edit in priced.edits_to_keep]
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
