"""The words of an explanation, per language, kept as data in ``phrases/<lang>.toml``."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale
from babel.numbers import format_currency, format_decimal

__all__ = ["LANGUAGES", "Phrases", "issue_text", "phrases_for"]

LANGUAGES = ("en", "es")


class Phrases:
    """Looks up a phrase by ``section.key`` and formats numbers and money for one language."""

    def __init__(self, lang: str, table: dict[str, Any]) -> None:
        self.lang = lang
        self._table = table

    def __call__(self, key: str, /, *, count: int | None = None, **fields: object) -> str:
        """The phrase at ``key`` (e.g. ``"reason.fired"``) with ``fields`` filled in.

        A phrase with plural forms is a table (``{ one = "…", other = "…" }``); ``count`` picks
        the form by the language's plural rule (Babel's CLDR data; "other" when the form has no
        entry, or when the count is unknown).
        """
        node: Any = self._table
        for part in key.split("."):
            node = node[part]
        if isinstance(node, dict) and "other" in node:
            form = "other" if count is None else str(Locale.parse(self.lang).plural_form(count))
            node = node.get(form, node["other"])
        if not isinstance(node, str):
            raise KeyError(key)
        return node.format(count=count, **fields)

    def name(self, section: str, code: str) -> str:
        """The words for a code the policy's author chose (a rule's name, a client tier) when the
        language has them (plazo's defaults); any other code as written."""
        names = self._table.get(section, {})
        word = names.get(code) if isinstance(names, dict) else None
        return word if isinstance(word, str) else code

    def number(self, value: Decimal | int) -> str:
        """A plain number with up to two decimals in the language's notation."""
        return format_decimal(value, format="#,##0.##", locale=self.lang)

    def percent(self, percent: Decimal) -> str:
        """``percent`` (5 for five per cent) with the language's sign and spacing."""
        return self("percent", number=self.number(percent))

    def money(self, amount: Decimal, currency: str) -> str:
        """An amount with its currency, as a reader of the language writes it."""
        return format_currency(amount, currency, locale=self.lang)

    def join(self, items: Sequence[str]) -> str:
        """``a, b and c`` / ``a, b y c``."""
        if len(items) <= 1:
            return "".join(items)
        head = self("list_separator").join(items[:-1])
        return f"{head}{self('list_last_separator')}{items[-1]}"


@cache
def phrases_for(lang: str) -> Phrases:
    """The phrases of ``lang`` (one of :data:`LANGUAGES`)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r} (expected one of: {', '.join(LANGUAGES)})")
    text = resources.files(__package__).joinpath("phrases", f"{lang}.toml").read_text("utf-8")
    return Phrases(lang, tomllib.loads(text))


def issue_text(lang: str, key: str, code: str, fields: dict[str, Any]) -> str:
    """A policy document's problem in ``lang``: "caps.max_amount.XYZ: unknown currency…".

    A ``got`` field is a value's type ("string"), said in the language ("a string").
    """
    say = phrases_for(lang if lang in LANGUAGES else "en")
    if "got" in fields:
        fields = {**fields, "got": say.name("type", str(fields["got"]))}
    options = fields.get("options")
    if isinstance(options, tuple):  # alternatives: "'percent' or 'amount'"
        fields = {**fields, "options": say("list_or_separator").join(map(str, options))}
    text = say(f"error.{code}", **fields)
    return f"{key}: {text}" if key else text
