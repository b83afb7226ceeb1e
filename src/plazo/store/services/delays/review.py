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
from plazo.store.services.composing.inputs import NotReadyToCompose
from plazo.store.services.delays.alerts import latest_day_for_stake
from plazo.store.services.delays.cases import CaseNotOpenError, compose_priced_notice
from plazo.store.services.delays.draft import (
    NoticeDraft,
    PricedDraft,
    price_draft,
    promise_history,
    recommended_on,
)
from plazo.store.services.delays.fact_languages import ForeignFact, facts_in_other_language
from plazo.store.services.delays.slider import slider_days
from plazo.store.services.forecasting.finish_chances import finish_chances
from plazo.store.services.forecasting.run import OrganisationHistories
from plazo.store.services.work.snapshots import load_project_snapshot

__all__ = ["PRACTICES", "NoticeReview", "StakeCheck", "review_notice", "save_notice_draft"]

# The four parts of a good delay notice, and the checker's elements that show each one.
PRACTICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("apologise", ("apology",)),
    ("acknowledge", ("impact", "assurance")),
    ("plan", ("new_date", "cause", "plan")),
    ("compensate", ("compensation",)),
)


@dataclass(frozen=True)
class StakeCheck:
    """The client's stake against the dates on the review page.

    A date on or after the stake's day misses it (delivering on the day of the event is too
    late). ``latest_on`` is the last working day before the stake that can still be promised
    (after the old promise, not before today), with its chance from the same simulation; None
    when no such day is left: then only a partial delivery before the stake can be offered.
    """

    stake: str
    stake_on: date
    chosen_misses: bool
    recommended_misses: bool
    latest_on: date | None
    latest_chance: float | None

    @property
    def warn(self) -> bool:
        """The chosen or the recommended date misses the stake: the owner must know."""
        return self.chosen_misses or self.recommended_misses


def _stake_check(
    case: DelayCase,
    draft: NoticeDraft,
    latest_on: date | None,
    chances: dict[date, float],
    recommended: date | None,
) -> StakeCheck | None:
    stake_on = case.project.stake_on
    if stake_on is None:
        return None

    def misses(day: date | None) -> bool:
        return day is not None and day >= stake_on

    return StakeCheck(
        stake=case.project.stake,
        stake_on=stake_on,
        chosen_misses=misses(draft.new_on),
        recommended_misses=misses(recommended),
        latest_on=latest_on,
        latest_chance=chances.get(latest_on) if latest_on else None,
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
    stake: StakeCheck | None = None
    explanation: str = ""  # why the policy offers what it offers, in the reviewer's language
    offer_due: bool = True  # False: the policy offers nothing for this slip, the apology is enough
    # Facts that read as another language than the notice's: quoted as typed, never translated.
    foreign_facts: tuple[ForeignFact, ...] = ()
    # The same notice in the reviewer's language (when it is not the client's), so the owner can
    # read what the client's template says around the facts; None when it is the same language.
    own_notice: compose.Message | None = None
    # The dates promised before the one this case moves, oldest first: not empty for a re-slip,
    # whose notice names them and says what is different this time.
    earlier_promised_on: tuple[date, ...] = ()

    @property
    def date_change(self) -> int:
        """Which change of the promised date this notice tells (1: the first slip)."""
        return len(self.earlier_promised_on) + 1

    @property
    def promised_dates(self) -> tuple[date, ...]:
        """Every date promised so far, oldest first, the one this case moves last."""
        previous = self.case.previous_promised_on
        return self.earlier_promised_on + ((previous,) if previous else ())

    @property
    def mixed_language(self) -> bool:
        """True when the notice would quote facts in another language than its own."""
        return bool(self.foreign_facts)

    @property
    def chosen_differs(self) -> bool:
        """The notice would name another date than the forecast recommends: the page says so."""
        chosen, recommended = self.draft.new_on, self.recommended_on
        return chosen is not None and recommended is not None and chosen != recommended

    @property
    def chosen_saved(self) -> bool:
        """The draft's date is the one the owner saved (not one being tried on the page)."""
        return self.draft.new_on is not None and self.draft.new_on == self.case.chosen_on

    @property
    def below_p50(self) -> bool:
        """True when the chosen date is more likely missed than met: a second slip ahead."""
        return self.chosen_chance is not None and self.chosen_chance < 0.5

    @property
    def drops_date_basis(self) -> bool:
        """True for a re-slip whose chosen date the forecast prices below the project's
        confidence target: its notice leaves out the sentence that the date comes from the real
        pace, with "at least N %" (:attr:`plazo.core.compose.DelayCase.tells_date_basis`)."""
        support = compose.DateSupport.of(
            self.chosen_chance, float(self.case.project.confidence_target)
        )
        return bool(self.earlier_promised_on) and support is compose.DateSupport.BELOW_TARGET

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
        """True when the notice can go: it composes, the checker finds nothing missing (no
        compensation is expected when the policy offers none) and every fact is in the notice's
        language."""
        if self.report is None or self.offer_problems or self.report.warnings:
            return False
        if self.mixed_language:
            return False
        expected = {e for _, names in PRACTICES for e in names}
        if not self.offer_due and not self.offers:
            expected.discard("compensation")
        elements = self.report.elements
        return all(elements.get(e) is not None and elements[e].present for e in expected)

    def practices(self) -> list[tuple[str, list[tuple[str, bool]]]]:
        """Each of the four parts with its elements and whether the checker found them."""
        elements = self.report.elements if self.report else {}
        return [
            (name, [(e, bool(elements.get(e) and elements[e].present)) for e in names])
            for name, names in PRACTICES
        ]


def review_notice(
    case: DelayCase, draft: NoticeDraft, *, now: datetime, explain_in: str | None = None
) -> NoticeReview:
    """Price, compose and check ``draft`` for ``case`` as it would go out at ``now``.

    The offers are worded in the client's language (the notice quotes them); the policy's
    explanation is in ``explain_in``, the reviewer's language, when given.

    1. The chances of the chosen and the recommended date, and of the latest date that still
       makes the client's stake, come from the forecast's simulation.
    2. The draft is priced once (:func:`price_draft`): the policy's offer with the owner's edits.
    3. The composer writes the notice in the client's language and register, or says why not.
    4. The checker reads the notice's text: which elements it has, any warning, with spans.
    5. Each typed fact's language is read: the ones in another language than the client's are
       listed (:func:`facts_in_other_language`), and when ``explain_in`` is not the client's
       language the notice is also composed in it, for the owner to read alongside.
    """
    project = case.project
    today = project.client_today(now)
    snapshot = load_project_snapshot(project)
    forecast = snapshot.latest_forecast
    recommended = recommended_on(case, forecast)
    latest_on = latest_day_for_stake(case, today=today)
    days = [day for day in (draft.new_on, recommended, latest_on) if day is not None]
    chances = finish_chances(snapshot, days, today=today, histories=OrganisationHistories()) or {}
    priced = price_draft(case, draft, today=today)
    history = priced.history or promise_history(case)
    notice: compose.Message | None = None
    compose_problems: tuple[str, ...] = ()
    report: check.CheckReport | None = None
    if draft.new_on is not None:
        try:
            notice = compose_priced_notice(
                priced, draft.new_on, now=now, chance=chances.get(draft.new_on)
            )
        except compose.ComposeError as error:
            compose_problems = error.problems
        except NotReadyToCompose as error:  # e.g. the project has no promised date to move
            compose_problems = (str(error),)
    own_notice: compose.Message | None = None
    if notice is not None and draft.new_on is not None:
        report = check.check(notice.text, lang=notice.language)
        if explain_in and explain_in != notice.language:
            own_notice = _notice_in(
                explain_in, priced, draft.new_on, now=now, chance=chances.get(draft.new_on)
            )
    explanation = priced.decision.reason if priced.decision else ""
    client_language = project.client.language
    if priced.decision and explain_in and explain_in != client_language:
        reworded = priced.decision_in(explain_in)  # the same slip, not read again
        explanation = reworded.reason if reworded else explanation
    return NoticeReview(
        case=case,
        draft=draft,
        today=today,
        forecast=forecast,
        recommended_on=recommended,
        recommended_chance=chances.get(recommended) if recommended else None,
        chosen_chance=chances.get(draft.new_on) if draft.new_on else None,
        slider_days=slider_days(
            case, today=today, chosen=draft.new_on, forecast=forecast, recommended=recommended
        ),
        decision=priced.decision,
        cap=priced.cap,
        offers=priced.offers,
        offer_problems=priced.offer_problems,
        problems=priced.problems,
        notice=notice,
        compose_problems=compose_problems,
        report=report,
        chances=chances,
        stake=_stake_check(case, draft, latest_on, chances, recommended),
        explanation=explanation,
        offer_due=priced.offer_due,
        foreign_facts=facts_in_other_language(draft, client_language),
        own_notice=own_notice,
        earlier_promised_on=history.earlier_than(case.previous_promised_on),
    )


def _notice_in(
    language: str,
    priced: PricedDraft,
    new_on: date | None,
    *,
    now: datetime,
    chance: float | None = None,
) -> compose.Message | None:
    """The draft's notice written in ``language`` instead of the client's, or None."""
    if new_on is None:
        return None
    try:
        return compose_priced_notice(priced, new_on, now=now, language=language, chance=chance)
    except (compose.ComposeError, NotReadyToCompose):
        return None


@transaction.atomic
def save_notice_draft(
    case: DelayCase, draft: NoticeDraft, *, now: datetime, keep_date: bool = True
) -> DelayCase:
    """Keep the owner's draft on the open case; edits that break the caps change nothing.

    Edits equal to the policy's offer are stored as none, so a later change of date or policy
    still shows the policy's own offer. ``keep_date`` False keeps the facts and the offer edits
    but not the draft's date: the case keeps the date the owner saved (or, with none saved,
    follows the forecast's recommendation); the draft's date only prices the offer edits.
    """
    case = DelayCase.objects.select_for_update().select_related("project__client").get(pk=case.pk)
    if case.state != DelayCaseState.DRAFT:
        raise CaseNotOpenError(f"this delay case is {case.state}; only a draft can be edited")
    priced = price_draft(case, draft, today=case.project.client_today(now))
    if priced.offer_problems:
        raise OfferEditError(priced.offer_problems)
    saved = priced.case
    saved.offer_edits = [edit.to_json() for edit in priced.edits_to_keep]
    if not keep_date:
        saved.chosen_on = case.chosen_on
    saved.save(
        update_fields=[
            "cause",
            "identified",
            "prevention",
            "recovery_steps",
            "chosen_on",
            "offer_edits",
            "ready_for_stake",
            "cause_category",
        ]
    )
    return saved
