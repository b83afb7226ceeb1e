"""Every language says everything: the phrase files have the same keys and placeholders."""

from __future__ import annotations

import string
import tomllib
from importlib import resources
from typing import Any

from plazo.core.policy import LANGUAGES


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, set[str]]:
    flat: dict[str, set[str]] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat |= _flatten(value, f"{prefix}{key}.")
        else:
            fields = {name for _, name, _, _ in string.Formatter().parse(value) if name}
            flat[f"{prefix}{key}"] = fields
    return flat


def _load(package: str, *parts: str) -> dict[str, Any]:
    return tomllib.loads(resources.files(package).joinpath(*parts).read_text("utf-8"))


# Words for the default policy's codes: optional per language (a code without words is shown as
# written), so they are left out of the comparison.
NAME_SECTIONS = ("rule.", "tier.")


def test_policy_phrases_match_across_languages() -> None:
    english, *others = (
        {
            key: fields
            for key, fields in _flatten(
                _load("plazo.core.policy", "phrases", f"{lang}.toml")
            ).items()
            if not key.startswith(NAME_SECTIONS)
        }
        for lang in LANGUAGES
    )
    for other in others:
        assert other == english


def test_ledger_phrases_match_across_languages() -> None:
    table = _load("plazo.core.ledger", "phrases.toml")
    assert set(table) == set(LANGUAGES)
    assert _flatten(table["es"]) == _flatten(table["en"])
