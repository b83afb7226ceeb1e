"""The words of an explanation, per language, kept as data in ``phrases/<lang>.toml``."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from babel.numbers import format_currency, format_decimal

__all__ = ["LANGUAGES", "Phrases", "phrases_for"]

LANGUAGES = ("en", "es")


class Phrases:
    """Looks up a phrase by ``section.key`` and formats numbers and money for one language."""

    def __init__(self, lang: str, table: dict[str, Any]) -> None:
        self.lang = lang
        self._table = table

    def __call__(self, key: str, **fields: object) -> str:
        """The phrase at ``key`` (e.g. ``"reason.fired"``) with ``fields`` filled in."""
        node: Any = self._table
        for part in key.split("."):
            node = node[part]
        if not isinstance(node, str):
            raise KeyError(key)
        return node.format(**fields)

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
