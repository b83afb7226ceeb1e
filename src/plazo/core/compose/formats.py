"""Locale-correct dates, money and percentages for templates, through Babel."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent

from plazo.core.compose.errors import ComposeError

__all__ = [
    "TEMPLATES_DIR",
    "Formats",
    "check_language",
    "labels_for",
    "plural_form",
    "regional_word",
    "supported_languages",
]

TEMPLATES_DIR = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def supported_languages() -> tuple[str, ...]:
    """Languages with a template folder (a folder per language holding ``labels.toml``)."""
    return tuple(sorted(p.parent.name for p in TEMPLATES_DIR.glob("*/labels.toml")))


def check_language(language: str) -> None:
    """Refuse a language plazo has no templates for."""
    if language not in supported_languages():
        known = ", ".join(supported_languages())
        raise ComposeError([f"unknown language {language!r}: plazo has templates for {known}"])


@lru_cache(maxsize=16)
def labels_for(language: str) -> dict[str, Any]:
    """The short words a language needs outside its templates (chart legend, calendar event)."""
    check_language(language)
    with (TEMPLATES_DIR / language / "labels.toml").open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True)
class Formats:
    """Formatting bound to one CLDR locale; templates call ``fmt.date(d)``, ``fmt.money(a, c)``."""

    locale: str

    @staticmethod
    @lru_cache(maxsize=32)
    def for_locale(locale: str) -> Formats:
        """A validated, cached formatter (an unknown locale is a ComposeError)."""
        try:
            Locale.parse(locale)
        except (ValueError, LookupError) as error:
            raise ComposeError([f"unknown locale {locale!r}: {error}"]) from None
        return Formats(locale)

    def date(self, day: dt.date) -> str:
        """A long date: "15 de diciembre de 2026", "December 15, 2026"."""
        return _long_date(day, self.locale)

    def short_date(self, day: dt.date) -> str:
        """Day and month for a chart axis: "15 dic", "Dec 15"."""
        return _short_date(day, self.locale)

    def money(self, amount: Decimal, currency: str) -> str:
        """An amount with its currency: "1.200,00 €", "$1,200.00"."""
        return format_currency(amount, currency.upper(), locale=self.locale)

    def number(self, value: float, digits: int = 1) -> str:
        """A number with up to ``digits`` decimals: "1.234,5", "1,234.5"."""
        return format_decimal(round(value, digits), locale=self.locale)

    def count(self, number: int, one: str, other: str) -> str:
        """A count with its noun in the locale's plural form: "1 tarea", "3 tareas"."""
        noun = one if plural_form(number, self.locale) == "one" else other
        return f"{format_decimal(number, locale=self.locale)} {noun}"

    def percent(self, share: float) -> str:
        """A share as a whole percentage: "62 %", "62%"."""
        return _percent(share, self.locale)

    def share(self, percent: Decimal) -> str:
        """A percentage given in per cent, with its decimals: 8 → "8 %", 7.5 → "7,5 %"."""
        return format_percent(percent / 100, locale=self.locale, decimal_quantization=False)

    def word(self, name: str) -> str:
        """A phrase whose usual form depends on the reader's country ("sin coste" in Spain, "sin
        costo" in Mexico): ``[regional.<name>]`` of the language's ``labels.toml``, by the
        locale's territory, else its ``default``."""
        return regional_word(self.locale, name)


@lru_cache(maxsize=1024)
def plural_form(number: int, locale: str) -> str:
    """The CLDR plural category of ``number`` in ``locale``: "one", "other", "many"…"""
    return str(Locale.parse(locale).plural_form(number))


# Babel re-reads the locale's patterns on every call (a good part of composing a message); the
# same few dates and shares recur across a batch of messages, so each is formatted once per
# process. ``typed``: a datetime is never served a date's text, nor a Decimal a float's.
@lru_cache(maxsize=4096, typed=True)
def _long_date(day: dt.date, locale: str) -> str:
    return format_date(day, "long", locale=locale)


@lru_cache(maxsize=4096, typed=True)
def _short_date(day: dt.date, locale: str) -> str:
    return format_skeleton("MMMd", day, locale=locale)


@lru_cache(maxsize=256)
def regional_word(locale: str, name: str) -> str:
    """``[regional.<name>]`` of the locale's language's ``labels.toml`` for the locale's country
    (:meth:`Formats.word`); for words written outside a message, as the message writes them."""
    parsed = Locale.parse(locale)
    forms: dict[str, Any] = labels_for(parsed.language)["regional"][name]
    by_country: dict[str, list[str]] = forms.get("by_country", {})
    country = parsed.territory or ""
    chosen = next((form for form, countries in by_country.items() if country in countries), None)
    return str(chosen or forms["default"])


@lru_cache(maxsize=4096, typed=True)
def _percent(share: float, locale: str) -> str:
    return format_percent(share, locale=locale)
