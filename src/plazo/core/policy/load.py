"""Read a policy TOML document into a :class:`Policy`, reporting every problem with its line."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from plazo.core.policy.errors import PolicyError, PolicyIssue
from plazo.core.policy.fields import FieldReader
from plazo.core.policy.locate import KeyLocator, Path
from plazo.core.policy.model import (
    Caps,
    CatalogueItem,
    Cause,
    Conditions,
    Escalation,
    OfferKind,
    OfferTemplate,
    Policy,
    Rule,
)
from plazo.core.policy.phrases import issue_text

__all__ = ["default_policy", "default_policy_text", "load_policy"]

_TOP = ("version", "caps", "escalation", "catalogue", "rules")
_RULE = ("name", "when", "offers", "apologise", "rationale")
_OFFER = ("kind", "percent", "amount", "item")
_SETS = {"cause": [str(cause) for cause in Cause], "tier": None, "currency": None}
_SET_FIELDS = {"cause": "causes", "tier": "tiers", "currency": "currencies"}
_INT_BOUNDS = {"slip_working_days": 0, "repeat": 0, "notice_lead_working_days": None}
_BOUNDS = (*_INT_BOUNDS, "slip_share", "value")
_WHEN = (*_SETS, *(f"{edge}_{name}" for name in _BOUNDS for edge in ("min", "max")))
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_END = re.compile(r"\s*\(at end of document\)$")


def load_policy(text: str, *, source: str = "<policy>") -> Policy:
    """Parse and validate a policy document; raise :class:`PolicyError` listing every problem."""
    try:
        # Decimals, not floats: a share written 0.15 must stay exactly 0.15.
        document = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise PolicyError([_syntax_issue(str(error), text)], source=source) from None
    reader = _PolicyReader(KeyLocator(text))
    policy = reader.policy(document, source)
    if reader.issues:
        raise PolicyError(reader.issues, source=source)
    return policy


# The default policy's document with its comments in each language; the rules are the same.
_DEFAULT_FILES = {"en": "default_policy.toml", "es": "default_policy.es.toml"}


def default_policy_text(lang: str = "en") -> str:
    """The text of the policy plazo ships with, its comments in ``lang`` (English when plazo
    has no such file): ``default_policy.toml``, ``default_policy.es.toml``. Every language's
    document is the same policy (a test loads them all)."""
    name = _DEFAULT_FILES.get(lang[:2], _DEFAULT_FILES["en"])
    return resources.files(__package__).joinpath(name).read_text("utf-8")


@cache
def default_policy() -> Policy:
    """The policy plazo ships with; its rationale is in the file's comments and docs/policy.md."""
    return load_policy(default_policy_text(), source="default_policy.toml")


def _syntax_issue(message: str, text: str) -> PolicyIssue:
    position = _POSITION.search(message)
    if position is not None:
        line, column = int(position.group(1)), int(position.group(2))
        return _issue(line, column, "invalid_toml", detail=message[: position.start()])
    lines = text.splitlines() or [""]
    message = _END.sub("", message)
    return _issue(len(lines), len(lines[-1]) + 1, "invalid_toml_at_end", detail=message)


def _issue(line: int, column: int, code: str, /, **fields: object) -> PolicyIssue:
    message = issue_text("en", "", code, fields)
    return PolicyIssue(line, column, message, code=code, fields=tuple(fields.items()))


class _PolicyReader(FieldReader):
    """Builds the policy's parts from the parsed document."""

    def __init__(self, locator: KeyLocator) -> None:
        super().__init__(locator)
        # Offers name items that were declared, even ones with errors, so one typo is one error.
        self.declared_items: set[str] = set()

    def policy(self, document: dict[str, Any], source: str) -> Policy:
        top = self.table(document, (), _TOP, required=("rules",)) or {}
        if "version" in top and top["version"] != 1:
            self.error(("version",), "version", version=top["version"])
        catalogue = self.catalogue(top.get("catalogue", {}), ("catalogue",))
        rules = self.rules(top.get("rules", []))
        return Policy(
            rules=rules,
            caps=self.caps(top.get("caps", {}), ("caps",)),
            escalation=self.escalation(top.get("escalation", {}), ("escalation",)),
            catalogue=catalogue,
            source=source,
        )

    def caps(self, value: Any, path: Path) -> Caps:
        table = self.table(value, path, ("max_share_of_value", "max_amount")) or {}
        share = None
        if "max_share_of_value" in table:
            share = self.decimal(
                table["max_share_of_value"], (*path, "max_share_of_value"), maximum=Decimal(1)
            )
        amounts = {}
        if "max_amount" in table:
            amounts = self.money_by_currency(table["max_amount"], (*path, "max_amount")) or {}
        return Caps(max_share_of_value=share, max_amount_by_currency=amounts)

    def escalation(self, value: Any, path: Path) -> Escalation:
        table = self.table(value, path, ("per_repeat", "max_factor")) or {}
        per_repeat = self.decimal(table.get("per_repeat", 0), (*path, "per_repeat"))
        max_factor = self.decimal(
            table.get("max_factor", 1), (*path, "max_factor"), minimum=Decimal(1)
        )
        return Escalation(per_repeat=per_repeat or Decimal(0), max_factor=max_factor or Decimal(1))

    def catalogue(self, value: Any, path: Path) -> dict[str, CatalogueItem]:
        items: dict[str, CatalogueItem] = {}
        entries = self.table(value, path, value if isinstance(value, dict) else ()) or {}
        self.declared_items = set(entries)
        for key, entry in entries.items():
            table = self.table(entry, (*path, key), ("name", "value"), required=("name", "value"))
            if table is None or "name" not in table or "value" not in table:
                continue
            names = self.texts(table["name"], (*path, key, "name"))
            values = self.money_by_currency(table["value"], (*path, key, "value"))
            if names is not None and values is not None:
                items[key] = CatalogueItem(key=key, names=names, value_by_currency=values)
        return items

    def rules(self, value: Any) -> tuple[Rule, ...]:
        if not isinstance(value, list):
            self.error(("rules",), "rules_array")
            return ()
        rules: list[Rule] = []
        seen: set[str] = set()
        for index, entry in enumerate(value):
            rule = self.rule(entry, ("rules", index))
            if rule is None:
                continue
            if rule.name in seen:
                self.error(("rules", index, "name"), "duplicate_rule", name=rule.name)
            seen.add(rule.name)
            rules.append(rule)
        return tuple(rules)

    def rule(self, value: Any, path: Path) -> Rule | None:
        table = self.table(value, path, _RULE, required=("name",))
        if table is None:
            return None
        name = table.get("name")
        if "name" in table and (not isinstance(name, str) or not name.strip()):
            self.error((*path, "name"), "non_empty_string")
        when = self.conditions(table.get("when", {}), (*path, "when"))
        offers_value = table.get("offers", [])
        offers: list[OfferTemplate] = []
        if not isinstance(offers_value, list):
            self.error((*path, "offers"), "offers_array")
            offers_value = []
        for index, entry in enumerate(offers_value):
            offer = self.offer(entry, (*path, "offers", index))
            if offer is not None:
                offers.append(offer)
        apologise = self.boolean(table.get("apologise", True), (*path, "apologise"))
        rationale: Mapping[str, str] = {}
        if "rationale" in table:
            rationale = self.texts(table["rationale"], (*path, "rationale")) or {}
        if not isinstance(name, str) or when is None:
            return None
        line, _ = self.locator.find(path)
        return Rule(
            name=name.strip(),
            when=when,
            offers=tuple(offers),
            apologise=apologise is not False,
            rationale=rationale,
            line=line,
        )

    def conditions(self, value: Any, path: Path) -> Conditions | None:
        table = self.table(value, path, _WHEN)
        if table is None:
            return None
        fields: dict[str, Any] = {}
        for key, choices in _SETS.items():
            if key in table:
                fields[_SET_FIELDS[key]] = self.strings(table[key], (*path, key), choices=choices)
        if fields.get("causes") is not None:
            fields["causes"] = frozenset(Cause(value) for value in fields["causes"])
        if fields.get("currencies") is not None:
            codes = (self.currency(code, (*path, "currency")) for code in fields["currencies"])
            fields["currencies"] = frozenset(code for code in codes if code is not None)
        for name in _BOUNDS:
            low, high = (self.bound(table, path, f"{edge}_{name}") for edge in ("min", "max"))
            fields[f"min_{name}"], fields[f"max_{name}"] = low, high
            if isinstance(low, dict) and isinstance(high, dict):
                pairs = [(f"{low[c]} {c}", low[c] > high[c]) for c in low if c in high]
            elif isinstance(low, int | Decimal) and isinstance(high, int | Decimal):
                pairs = [(str(low), low > high)]
            else:
                pairs = []
            for shown, inverted in pairs:
                if inverted:
                    self.error((*path, f"min_{name}"), "min_above_max", name=name, shown=shown)
        return Conditions(**fields)

    def bound(self, table: dict[str, Any], path: Path, key: str) -> Any:
        if key not in table:
            return None
        name = key[4:]
        if name in _INT_BOUNDS:
            return self.integer(table[key], (*path, key), minimum=_INT_BOUNDS[name])
        if name == "value":
            return self.money_by_currency(table[key], (*path, key))
        return self.decimal(table[key], (*path, key))

    def offer(self, value: Any, path: Path) -> OfferTemplate | None:
        table = self.table(value, path, _OFFER, required=("kind",))
        if table is None or "kind" not in table:
            return None
        kinds = [str(kind) for kind in OfferKind]
        if table["kind"] not in kinds:
            expected = ", ".join(kinds)
            self.error((*path, "kind"), "unknown_kind", kind=table["kind"], expected=expected)
            return None
        kind = OfferKind(table["kind"])
        allowed = {"discount": ("percent",), "credit": ("percent", "amount"), "extra": ("item",)}
        for key in set(table) - {"kind", *allowed[kind]}:
            self.error((*path, key), "not_for_kind", key=key, kind=str(kind))
        given = [key for key in allowed[kind] if key in table]
        if len(given) != 1:
            options = tuple(repr(key) for key in allowed[kind])
            self.error(path, "one_of", kind=str(kind), options=options)
            return None
        key = given[0]
        if key == "percent":
            percent = self.decimal(table[key], (*path, key), positive=True, maximum=Decimal(100))
            return None if percent is None else OfferTemplate(kind=kind, percent=percent)
        if key == "amount":
            amounts = self.money_by_currency(table[key], (*path, key))
            return None if amounts is None else OfferTemplate(kind=kind, amount_by_currency=amounts)
        item = table[key]
        if not isinstance(item, str) or item not in self.declared_items:
            if self.declared_items:
                known = ", ".join(sorted(self.declared_items))
                self.error((*path, key), "no_item", item=item, known=known)
            else:
                self.error((*path, key), "no_item_empty", item=item)
            return None
        return OfferTemplate(kind=kind, item=item)
