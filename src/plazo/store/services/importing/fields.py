"""Typed values out of one row: each reader records a problem instead of raising."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import cache, lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_noop as noop

from plazo.core.regional import country_name
from plazo.core.tracker.dates import EXPORT_DATE_EXAMPLES, export_day
from plazo.store.models import limits
from plazo.store.services.importing.problems import Problem, header_problem
from plazo.store.services.importing.rows import Row, Table

__all__ = ["RowReader", "check_columns", "known_time_zones"]

CENT = Decimal("0.01")
# Each problem below is a message-catalogue entry and its values (see Problem.template); the
# examples are fixed, so the date's entry holds them.
_NOT_A_DATE = noop(
    "must be a date such as 2026-11-24 or 24/Nov/26 4:10 PM or 24/Nov/2026 16:10, got %(value)s"
)
assert " or ".join(EXPORT_DATE_EXAMPLES) in _NOT_A_DATE


@cache
def known_time_zones() -> frozenset[str]:
    """IANA time-zone names this machine knows."""
    return frozenset(zoneinfo.available_timezones())


def check_columns(
    table: Table, *, required: Iterable[str], optional: Iterable[str]
) -> tuple[list[Problem], frozenset[str]]:
    """Problems with the columns themselves, and the required columns the file lacks entirely.

    Rows do not repeat "is required" for a column the header already lacks: one problem each.
    """
    required = tuple(required)
    allowed = {*required, *optional}
    expected = ", ".join(sorted(allowed))
    problems = [
        header_problem(
            line,
            column,
            noop("unknown column %(name)s; expected some of: %(expected)s"),
            name=repr(name),
            expected=expected,
        )
        for name, (line, column) in table.columns.items()
        if name not in allowed
    ]
    absent = frozenset(name for name in required if name not in table.columns)
    problems += [
        header_problem(1, 1, noop("missing required column %(name)s"), name=repr(name))
        for name in sorted(absent)
    ]
    return problems, absent


class RowReader:
    """Reads the values of one row, appending a :class:`Problem` for each bad one."""

    def __init__(
        self, row: Row, problems: list[Problem], absent: frozenset[str] = frozenset()
    ) -> None:
        self.row = row
        self.problems = problems
        self.absent = absent

    def has(self, column: str) -> bool:
        """True when the row gives a non-empty value for ``column``."""
        return bool(self.row.values.get(column, ""))

    def problem(self, column: str, message: str, **params: object) -> None:
        """Record a problem with ``column``'s value: ``message % params`` (``message`` a
        message-catalogue entry when it is marked with ``noop``, or a domain limit's
        :class:`~plazo.store.models.limits.Wrong`, which carries its entry and values)."""
        if isinstance(message, limits.Wrong) and not params:
            wrong = message
            message, params = wrong.template, wrong.params
        where = self.row.where(column)
        detail = message % params if params else message
        self.problems.append(
            Problem(*where, f"{column}: {detail}", column, detail, message, params)
        )

    def text(self, column: str, *, max_length: int = 200, required: bool = False) -> str:
        """A string (empty when absent); too long or missing-but-required is a problem."""
        value = self.row.values.get(column, "")
        if not value and required and column not in self.absent:
            self.problem(column, noop("is required"))
        elif len(value) > max_length:
            self.problem(
                column,
                noop("is %(length)s characters long; at most %(most)s fit"),
                length=len(value),
                most=max_length,
            )
        elif "\x00" in value:
            self.problem(column, noop("contains a NUL character"))
        return value

    def date(self, column: str, *, required: bool = False) -> date | None:
        """A date as ISO ``YYYY-MM-DD`` or as a tracker's export writes it (``24/Nov/26 4:10 PM``;
        the formats of :mod:`plazo.core.tracker.dates`)."""
        value = self.text(column, required=required)
        if not value:
            return None
        day, problem = _read_day(value)
        if problem:
            self.problem(column, problem[0], **dict(problem[1]))
        return day

    def decimal(
        self,
        column: str,
        *,
        minimum: Decimal = Decimal(0),
        above_minimum: bool = False,
        below: Decimal = Decimal("1000000"),
        maximum: Decimal | None = None,
        required: bool = False,
    ) -> Decimal | None:
        """A number rounded to cents, in [minimum, below) (or (minimum, below)), or up to
        ``maximum`` inclusive when given."""
        value = self.text(column, required=required)
        if not value:
            return None
        # The bounds go in as text: equal Decimals print differently (1 and 1.00), and the
        # problem names the bound as the caller wrote it.
        top = None if maximum is None else str(maximum)
        number, problem = _read_decimal(value, str(minimum), above_minimum, str(below), top)
        if problem:
            self.problem(column, problem[0], **dict(problem[1]))
        return number

    def integer(self, column: str, *, minimum: int, maximum: int) -> int | None:
        """A whole number in [minimum, maximum]."""
        value = self.text(column)
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if not minimum <= number <= maximum:
            self.problem(
                column,
                noop("must be a whole number from %(minimum)s to %(maximum)s, got %(value)s"),
                minimum=minimum,
                maximum=maximum,
                value=repr(value),
            )
            return None
        return number

    def choice(self, column: str, choices: Iterable[str]) -> str | None:
        """One of ``choices`` (case-insensitive)."""
        value = self.text(column).lower()
        if not value:
            return None
        options = tuple(choices)
        if value not in options:
            self.problem(
                column,
                noop("must be one of %(options)s, got %(value)s"),
                options=", ".join(options),
                value=repr(value),
            )
            return None
        return value

    def email(self, column: str) -> str:
        """An e-mail address (empty when absent)."""
        value = self.text(column, max_length=254)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.problem(column, noop("is not an e-mail address: %(value)s"), value=repr(value))
                return ""
        return value

    def time_zone(self, column: str) -> str | None:
        """An IANA time-zone name such as Europe/Madrid."""
        value = self.text(column, max_length=64)
        problem = limits.time_zone_problem(value) if value else None
        if problem:
            self.problem(column, f"{problem}, got %(value)s", value=repr(value))
            return None
        return value or None

    def country(self, column: str) -> str | None:
        """An ISO 3166 alpha-2 country code that CLDR knows ("MX", "gb" is GB)."""
        value = self.code(column, length=2)
        if value and country_name(value) is None:
            self.problem(
                column,
                noop("is not an ISO 3166 country code such as ES or MX, got %(value)s"),
                value=repr(value),
            )
            return None
        return value

    def code(self, column: str, *, length: int) -> str | None:
        """An upper-case letter code (ISO 4217 currency, ISO 3166 country)."""
        value = self.text(column).upper()
        if value and not (len(value) == length and value.isascii() and value.isalpha()):
            self.problem(
                column,
                noop("must be a %(length)s-letter code, got %(value)s"),
                length=length,
                value=repr(value),
            )
            return None
        return value or None


# What is wrong with a value: a message-catalogue entry and its values, as pairs (hashable).
Wrong = tuple[str, tuple[tuple[str, object], ...]]


# A file repeats its few dates and estimates row after row: each distinct text is read once
# (per process; the results are immutable values and problem texts).
@lru_cache(maxsize=4096)
def _read_day(value: str) -> tuple[date | None, Wrong | None]:
    """The day ``value`` gives, or what is wrong with it."""
    try:
        day = export_day(value)
    except ValueError:
        return None, (_NOT_A_DATE, (("value", repr(value)),))
    problem = limits.day_problem(day)
    return (None, (problem, ())) if problem else (day, None)


@lru_cache(maxsize=4096)
def _read_decimal(
    value: str, minimum_text: str, above_minimum: bool, below_text: str, maximum_text: str | None
) -> tuple[Decimal | None, Wrong | None]:
    """The number ``value`` gives rounded to cents, or what is wrong with it (see ``decimal``)."""
    minimum, below = Decimal(minimum_text), Decimal(below_text)
    maximum = None if maximum_text is None else Decimal(maximum_text)
    try:
        number = Decimal(value.replace(",", ".") if value.count(",") == 1 else value)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        return None, (
            noop("must be a number such as 12.5, got %(value)s"),
            (("value", repr(value)),),
        )
    # The range first: rounding 1e30 to cents needs more digits than a Decimal context has.
    sign = ">" if above_minimum else "≥"
    high = f"≤ {maximum}" if maximum is not None else f"< {below}"
    too_high = number > maximum if maximum is not None else number >= below
    out_of_range: Wrong = (
        noop("must be %(sign)s %(minimum)s and %(high)s, got %(value)s"),
        (("sign", sign), ("minimum", minimum), ("high", high), ("value", value)),
    )
    if number < minimum or (above_minimum and number <= minimum) or too_high:
        return None, out_of_range
    number = number.quantize(CENT, rounding=ROUND_HALF_EVEN)
    if above_minimum and number <= minimum:  # 0.001 rounds to 0.00
        return None, out_of_range
    return number, None
