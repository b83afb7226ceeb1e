"""The ledger's rules for a new promised date and for delivery, as pure functions."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from babel.dates import format_date

from plazo.core.ledger.records import Outcome

__all__ = ["PromiseInPastError", "PromiseWarning", "outcome_on_delivery", "validate_new_promise"]

LANGUAGES = ("en", "es")


class PromiseInPastError(ValueError):
    """A new promised date earlier than today: nobody can keep that promise."""


@dataclass(frozen=True)
class PromiseWarning:
    """A reason to think twice about a date; the person may still choose it."""

    code: str
    message: str


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

    if new_date < today:
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
