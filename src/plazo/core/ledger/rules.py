"""The ledger's rules for a new promised date and for delivery, as pure functions."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

from babel.dates import format_date

from plazo.core.errors import PlazoError
from plazo.core.ledger.records import Outcome

__all__ = [
    "PROBLEM_WORDS",
    "NoticeProblem",
    "PromiseInPastError",
    "PromiseWarning",
    "describe_problem",
    "new_date_problems",
    "notice_problems",
    "outcome_on_delivery",
    "validate_new_promise",
]

LANGUAGES = ("en", "es")


class PromiseInPastError(PlazoError):
    """A new promised date earlier than today: nobody can keep that promise."""

    code = "promise_in_past"


@dataclass(frozen=True)
class PromiseWarning:
    """A reason to think twice about a date; the person may still choose it."""

    code: str
    message: str


@dataclass(frozen=True)
class NoticeProblem:
    """A fact a new promise or a delay notice still lacks, by field, with a stable code.

    ``field``: new_on | cause | identified | prevention | recovery_steps | offers.
    ``code``: missing | in_past | not_after_promise.
    """

    field: str
    code: str


PROBLEM_WORDS = {
    ("new_on", "missing"): "the delay case has no new date",
    ("new_on", "in_past"): "the new date {new_on} is before today ({today})",
    ("new_on", "not_after_promise"): (
        "the new date {new_on} is not after the previous promise {previous}"
    ),
    ("cause", "missing"): "the delay case has no cause",
    ("recovery_steps", "missing"): "the delay case has no plan (recovery steps)",
    ("identified", "missing"): "the delay case does not say what was identified",
    ("prevention", "missing"): "the delay case does not say what prevents a recurrence",
    ("offers", "missing"): "the compensation offer has no amount",
}


def describe_problem(
    problem: NoticeProblem,
    *,
    new_on: date | None = None,
    today: date | None = None,
    previous: date | None = None,
) -> str:
    """The problem in plain English words (the composer's refusals, the admin's messages)."""
    return PROBLEM_WORDS[problem.field, problem.code].format(
        new_on=new_on, today=today, previous=previous
    )


def new_date_problems(
    new_on: date | None, *, today: date, previous_promised_on: date | None = None
) -> tuple[NoticeProblem, ...]:
    """The one rule for a new promised date: given, not in the past, later than the one it moves.

    Today itself is allowed: delivering today is a promise that can be kept.
    """
    if new_on is None:
        return (NoticeProblem("new_on", "missing"),)
    if new_on < today:
        return (NoticeProblem("new_on", "in_past"),)
    if previous_promised_on is not None and new_on <= previous_promised_on:
        return (NoticeProblem("new_on", "not_after_promise"),)
    return ()


def notice_problems(
    new_on: date | None,
    *,
    today: date,
    previous_promised_on: date | None,
    cause: str,
    identified: str,
    prevention: str,
    recovery_steps: Sequence[str],
    offer_amounts: Sequence[Decimal] | None,
    offer_required: bool = True,
) -> tuple[NoticeProblem, ...]:
    """Every fact a delay notice still lacks, in the order a person fills them in.

    ``offer_amounts`` is None when no offer could be priced yet (no date): nothing is said of it.
    ``offer_required`` is False when the policy offers nothing for this delay (a short slip told
    early, the client's own delay, force majeure): the apology is then enough.
    """
    problems = list(
        new_date_problems(new_on, today=today, previous_promised_on=previous_promised_on)
    )
    for name, text in (("cause", cause), ("identified", identified), ("prevention", prevention)):
        if not text.strip():
            problems.append(NoticeProblem(name, "missing"))
    if not any(step.strip() for step in recovery_steps):
        problems.append(NoticeProblem("recovery_steps", "missing"))
    if (
        offer_required
        and offer_amounts is not None
        and not any(amount > 0 for amount in offer_amounts)
    ):
        problems.append(NoticeProblem("offers", "missing"))
    return tuple(problems)


@cache
def _phrases(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r} (expected one of: {', '.join(LANGUAGES)})")
    text = resources.files(__package__).joinpath("phrases.toml").read_text("utf-8")
    table: dict[str, str] = tomllib.loads(text)[lang]
    return table


def validate_new_promise(
    new_date: date, *, today: date, forecast_p50: date | None, lang: str = "en"
) -> list[PromiseWarning]:
    """Refuse a date in the past; warn when the forecast says it is more likely missed than met.

    Today itself is allowed (delivering today is a promise that can be kept). A date below the
    forecast's P50 is missed more often than not, so the project would probably slip again.
    """
    phrases = _phrases(lang)

    def show(day: date) -> str:
        return format_date(day, format="medium", locale=lang)

    if new_date_problems(new_date, today=today):
        raise PromiseInPastError(
            phrases["in_past"].format(new_date=show(new_date), today=show(today))
        )
    warnings: list[PromiseWarning] = []
    if forecast_p50 is not None and new_date < forecast_p50:
        message = phrases["below_p50"].format(new_date=show(new_date), p50=show(forecast_p50))
        warnings.append(PromiseWarning(code="below_p50", message=message))
    return warnings


def outcome_on_delivery(promised_on: date, delivered_on: date) -> Outcome:
    """Kept when delivered on or before the promised date, broken otherwise."""
    return Outcome.KEPT if delivered_on <= promised_on else Outcome.BROKEN
