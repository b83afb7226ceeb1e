"""The delay-notice review form: the owner's draft read from a POST, and its words for problems.

The date can come from the date field or the slider. The page sends the date it last showed
(``shown_on``): a typed date different from it wins, else a slider moved off the day it stood on
for that date, else it stays. That works the same with HTMX and without JavaScript (the Preview
button).

A new promise must be a working day on the project's calendar, as every date the page offers
is. A weekend day or a public holiday typed in the field is refused, with the next working day
offered, and stays in the field: the page never shows one date and approves another.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plazo.core.ledger import NoticeProblem
from plazo.core.policy.edits import OfferEdit, OfferProblem, parse_offer_edits
from plazo.store.models import CauseCategory, DelayCase
from plazo.store.services.delays.draft import NoticeDraft
from plazo.store.services.delays.slider import slider_day, slider_day_for
from plazo.web.templatetags.plazo import day as format_day

__all__ = [
    "CAUSE_CATEGORY_LABELS",
    "MAX_OFFERS",
    "OFFER_KIND_LABELS",
    "PRACTICE_LABELS",
    "ParsedDraft",
    "field_problem_text",
    "not_working_day_text",
    "offer_problem_text",
    "parse_draft",
    "posted_day",
]

MAX_OFFERS = 10  # a policy rule makes a handful; more rows in a POST are ignored
MAX_TEXT_CHARS = 4000

PRACTICE_LABELS: dict[str, Promise] = {
    "apologise": gettext_lazy("1. Apologise"),
    "acknowledge": gettext_lazy("2. Acknowledge what it costs the client"),
    "plan": gettext_lazy("3. A new date and the plan to reach it"),
    "compensate": gettext_lazy("4. Offer compensation"),
}
OFFER_KIND_LABELS: dict[str, Promise] = {
    "discount": gettext_lazy("Discount on this project"),
    "credit": gettext_lazy("Credit on a future project"),
    "extra": gettext_lazy("Free extra"),
}
# Whose cause the delay is: the policy's ``cause`` condition (a client's own delay and force
# majeure are not compensated by the default policy).
CAUSE_CATEGORY_LABELS: dict[str, Promise] = {
    CauseCategory.OURS: gettext_lazy("Ours (our team, our estimate, our tools)"),
    CauseCategory.THIRD_PARTY: gettext_lazy("A third party we rely on (a supplier, a platform)"),
    CauseCategory.CLIENT: gettext_lazy("The client (late content, answers or approvals)"),
    CauseCategory.SCOPE_CHANGE: gettext_lazy(
        "A change of scope the client asked for (more or different work)"
    ),
    CauseCategory.FORCE_MAJEURE: gettext_lazy("Force majeure (nobody could have prevented it)"),
}


@dataclass(frozen=True)
class ParsedDraft:
    """The draft and what could not be read from the form (a date or an amount).

    ``next_working_on``: the chosen date is not a working day, and this is the next one.
    """

    draft: NoticeDraft
    errors: tuple[str, ...]
    offer_problems: tuple[OfferProblem, ...]
    next_working_on: date | None = None


def posted_day(data: QueryDict, name: str) -> date | None:
    """The ISO date in field ``name``, or None when it is empty or not a date."""
    try:
        return date.fromisoformat(data.get(name, "").strip())
    except ValueError:
        return None


def _chosen_on(case: DelayCase, data: QueryDict, today: date) -> tuple[date | None, list[str]]:
    picked = posted_day(data, "pick_on")  # a button offering a date (the stake's latest day)
    if picked is not None:
        return picked, []
    typed_text = data.get("new_on", "").strip()
    typed = posted_day(data, "new_on")
    shown = posted_day(data, "shown_on")
    if typed_text and typed is None:
        return shown, [_("The new date is not a date (use YYYY-MM-DD).")]
    if typed != shown:
        return typed, []
    index = data.get("day", "")
    slid = slider_day(case, int(index), today=today) if index.isdigit() else None
    # For a holiday the slider stands on the next working day: that is not a move.
    stood_on = slider_day_for(case, shown, today=today) if shown is not None else None
    if slid is not None and slid != stood_on:
        return slid, []
    return typed, []


def _next_working_day(case: DelayCase, day: date | None) -> date | None:
    """The next working day when ``day`` is not one on the project's calendar, else None."""
    if day is None:
        return None
    calendar = case.project.work_calendar()
    if calendar.is_working_day(day):
        return None
    return calendar.next_working_day(day)


def not_working_day_text(day: date, next_working_on: date) -> str:
    """Why a weekend day or a public holiday cannot be the new date, and which day can."""
    return _(
        "%(day)s is not a working day on this project's calendar (a weekend or a public "
        "holiday), so it cannot be promised. The next working day is %(next)s."
    ) % {"day": format_day(day, "weekday"), "next": format_day(next_working_on, "weekday")}


def _offer_edits(data: QueryDict) -> tuple[tuple[OfferEdit, ...], tuple[OfferProblem, ...]]:
    """The offer rows as edits; none when every row still shows what the policy proposed.

    Each row carries the policy's own values (``offer-i-policy-*``): rows left as they were are
    not edits, so a later date can still bring the policy's new offer.
    """
    count = data.get("offers", "0")
    rows = [
        (
            data.get(f"offer-{i}-kind", ""),
            data.get(f"offer-{i}-amount", "0"),
            data.get(f"offer-{i}-description", "")[:MAX_TEXT_CHARS],
        )
        for i in range(min(int(count), MAX_OFFERS) if count.isdigit() else 0)
    ]
    edits, problems = parse_offer_edits(rows)
    policy, _ = parse_offer_edits(
        (
            kind,
            data.get(f"offer-{i}-policy-amount", ""),
            data.get(f"offer-{i}-policy-description", ""),
        )
        for i, (kind, _, _) in enumerate(rows)
    )
    if not problems and edits == policy:
        return (), ()
    return edits, problems


def parse_draft(case: DelayCase, data: QueryDict, *, today: date) -> ParsedDraft:
    """The owner's draft from the review form's fields."""
    new_on, errors = _chosen_on(case, data, today)
    next_working_on = _next_working_day(case, new_on)
    if new_on is not None and next_working_on is not None:
        errors.append(not_working_day_text(new_on, next_working_on))
    category = data.get("cause_category", "").strip()
    if category and category not in CauseCategory.values:
        errors.append(_("Choose whose cause the delay is from the list."))
        category = ""
    edits, offer_problems = _offer_edits(data)
    steps = data.get("recovery_steps", "")[:MAX_TEXT_CHARS].splitlines()
    draft = NoticeDraft(
        new_on=new_on,
        cause=data.get("cause", "")[:MAX_TEXT_CHARS],
        identified=data.get("identified", "")[:MAX_TEXT_CHARS],
        prevention=data.get("prevention", "")[:MAX_TEXT_CHARS],
        recovery_steps=tuple(step.strip() for step in steps if step.strip()),
        offer_edits=edits,
        ready_for_stake=data.get("ready_for_stake", "")[:MAX_TEXT_CHARS],
        cause_category=category,
    )
    return ParsedDraft(draft, tuple(errors), offer_problems, next_working_on)


def field_problem_text(problem: NoticeProblem) -> str:
    """One missing fact, as the owner reads it."""
    if problem.code == "not_after_promise":
        return _("The new date must be after the date promised before.")
    if problem.code == "in_past":
        return _("The new date cannot be in the past.")
    missing = {
        "new_on": _("Choose a new date."),
        "cause": _("Say what went wrong (the cause)."),
        "identified": _("Say what was identified."),
        "prevention": _("Say what prevents it from happening again."),
        "recovery_steps": _("Give the plan: at least one step."),
        "offers": _("Offer something: at least one amount above zero."),
    }
    return missing[problem.field]


def offer_problem_text(problem: OfferProblem, money: str) -> str:
    """Why an offer edit was refused; ``money`` is the limit, formatted."""
    texts = {
        "negative": _("An amount cannot be negative."),
        "not_a_number": _("An amount is not a number."),
        "above_cap": _("An offer can be worth at most %(cap)s.") % {"cap": money},
        "total_above_cap": _("The offers together can be worth at most %(cap)s.") % {"cap": money},
        "too_long": _("A description is too long."),
        "kinds_changed": _(
            "The new date or cause changes the policy's offer; your edits were reset to the new "
            "offer."
        ),
    }
    return texts[problem.code]
