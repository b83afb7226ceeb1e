"""Typed readers for policy values that record every problem instead of stopping at the first."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import list_currencies

from plazo.core.policy.errors import PolicyIssue
from plazo.core.policy.locate import KeyLocator, Path
from plazo.core.policy.phrases import issue_text

__all__ = ["FieldReader"]

_CURRENCIES = frozenset(list_currencies())


def _type_name(value: object) -> str:
    """The type's code in the phrases' ``type`` table ("string"; other types by their name)."""
    names = {bool: "boolean", int: "integer", Decimal: "number", str: "string"}
    names |= {list: "array", dict: "table"}
    return names.get(type(value), type(value).__name__)


def _dotted(path: Path) -> str:
    return ".".join(f"[{part}]" if isinstance(part, int) else part for part in path).replace(
        ".[", "["
    )


class FieldReader:
    """Reads values at key paths, collecting a :class:`PolicyIssue` for each bad one."""

    def __init__(self, locator: KeyLocator) -> None:
        self.locator = locator
        self.issues: list[PolicyIssue] = []

    def error(self, path: Path, code: str, /, **fields: object) -> None:
        """Record the problem ``code`` (a phrase of the ``error`` section, filled with
        ``fields``) at the line where ``path`` is written."""
        line, column = self.locator.find(path)
        key = _dotted(path)
        message = issue_text("en", key, code, fields)
        self.issues.append(
            PolicyIssue(line, column, message, key=key, code=code, fields=tuple(fields.items()))
        )

    def table(
        self, value: Any, path: Path, allowed: Collection[str], *, required: Collection[str] = ()
    ) -> dict[str, Any] | None:
        """A table whose keys are all in ``allowed``; unknown and missing keys are reported."""
        if not isinstance(value, dict):
            self.error(path, "table_expected", got=_type_name(value))
            return None
        for key in value:
            if key not in allowed:
                expected = ", ".join(sorted(allowed))
                self.error((*path, key), "unknown_key", key=key, expected=expected)
        for key in required:
            if key not in value:
                self.error(path, "missing_key", key=key)
        return {key: item for key, item in value.items() if key in allowed}

    def integer(self, value: Any, path: Path, *, minimum: int | None = None) -> int | None:
        """A whole number, at least ``minimum`` when given."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, "integer_expected", got=_type_name(value))
            return None
        if minimum is not None and value < minimum:
            self.error(path, "at_least", minimum=minimum, value=value)
            return None
        return value

    def decimal(
        self,
        value: Any,
        path: Path,
        *,
        minimum: Decimal | None = Decimal(0),
        maximum: Decimal | None = None,
        positive: bool = False,
    ) -> Decimal | None:
        """A number (TOML integer, float read as Decimal, or a string like "12.50")."""
        number: Decimal | None = None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            number = Decimal(value)
        elif isinstance(value, str):
            try:
                number = Decimal(value.strip())
            except InvalidOperation:
                number = None
        if number is None or not number.is_finite():
            self.error(path, "number_expected", got=_type_name(value), value=value)
            return None
        if positive and number <= 0:
            self.error(path, "positive", value=number)
            return None
        if minimum is not None and number < minimum:
            if minimum == 0:
                self.error(path, "not_negative", value=number)
            else:
                self.error(path, "not_below", minimum=minimum, value=number)
            return None
        if maximum is not None and number > maximum:
            self.error(path, "at_most", maximum=maximum, value=number)
            return None
        return number

    def boolean(self, value: Any, path: Path) -> bool | None:
        """``true`` or ``false``."""
        if not isinstance(value, bool):
            self.error(path, "boolean_expected", got=_type_name(value))
            return None
        return value

    def currency(self, code: str, path: Path) -> str | None:
        """An ISO 4217 currency code Babel knows."""
        if code.upper() not in _CURRENCIES:
            self.error(path, "unknown_currency", code=code)
            return None
        return code.upper()

    def money_by_currency(self, value: Any, path: Path) -> dict[str, Decimal] | None:
        """A table ``{EUR = "5000", USD = 5500}`` of non-negative amounts."""
        if not isinstance(value, dict):
            self.error(path, "amounts_expected", got=_type_name(value))
            return None
        amounts: dict[str, Decimal] = {}
        for code, amount in value.items():
            currency = self.currency(code, (*path, code))
            number = self.decimal(amount, (*path, code))
            if currency is not None and number is not None:
                amounts[currency] = number
        return amounts

    def strings(
        self, value: Any, path: Path, *, choices: Collection[str] | None = None
    ) -> frozenset[str] | None:
        """One string or an array of strings, each among ``choices`` when given."""
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            self.error(path, "strings_expected", got=_type_name(value))
            return None
        bad = [i for i, item in enumerate(items) if choices is not None and item not in choices]
        for i in bad:
            expected = ", ".join(sorted(choices or ()))
            where = path if isinstance(value, str) else (*path, i)
            self.error(where, "unknown_value", value=items[i], expected=expected)
        return None if bad else frozenset(items)

    def texts(self, value: Any, path: Path) -> Mapping[str, str] | None:
        """A text for every language (a plain string) or per language (``{en = "…", es = "…"}``)."""
        if isinstance(value, str):
            return {"*": value}
        if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
            return dict(value)
        self.error(path, "texts_expected", value=value)
        return None
