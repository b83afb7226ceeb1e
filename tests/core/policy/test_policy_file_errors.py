"""A policy file is validated whole: every problem is reported, each at its line and column."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plazo.core.policy import (
    PolicyError,
    PolicyIssue,
    Situation,
    decide,
    default_policy,
    load_policy,
)

BROKEN = """\
version = 1
colour = "red"

[caps]
max_share_of_value = -0.2
max_amount = { EUR = 100, XXY = 5 }

[[rules]]
name = "first"
when.cause = ["ours", "aliens"]
offers = [{ kind = "discount", percent = "lots" }]

[[rules]]
name = "second"
  [rules.when]
  min_slip_working_days = "three"
  max_repeat = -1
  [[rules.offers]]
  kind = "extra"
  item = "massage"
  [[rules.offers]]
  kind = "voucher"
"""


def _issues(text: str) -> list[PolicyIssue]:
    with pytest.raises(PolicyError) as raised:
        load_policy(text, source="team.toml")
    return raised.value.errors


def test_every_semantic_error_is_reported_with_its_line_and_column() -> None:
    found = [(issue.line, issue.column) for issue in _issues(BROKEN)]
    assert found == [
        (2, 1),
        (5, 1),
        (6, 27),
        (10, 23),
        (11, 32),
        (16, 3),
        (17, 3),
        (20, 3),
        (22, 3),
    ]


def test_the_messages_name_the_key_and_what_is_wrong() -> None:
    messages = [issue.message for issue in _issues(BROKEN)]
    assert messages[0].startswith("colour: unknown key 'colour'")
    assert messages[1] == "caps.max_share_of_value: must not be negative, got -0.2"
    assert "unknown currency 'XXY'" in messages[2]
    assert "unknown value 'aliens'" in messages[3]
    assert messages[5] == "rules[1].when.min_slip_working_days: expected an integer, got a string"
    assert messages[6] == "rules[1].when.max_repeat: must be at least 0, got -1"
    assert "no catalogue item 'massage'" in messages[7]
    assert "unknown kind 'voucher'" in messages[8]


def test_the_error_prints_like_a_compiler_so_editors_can_jump_to_it() -> None:
    with pytest.raises(PolicyError) as raised:
        load_policy(BROKEN, source="team.toml")
    assert str(raised.value).splitlines()[0].startswith("team.toml:2:1: colour: unknown key")


def test_a_toml_syntax_error_carries_tomllibs_line_and_column() -> None:
    (issue,) = _issues('version = 1\n[[rules]]\nname = "a"\nwhen = { cause = }\n')
    assert (issue.line, issue.column) == (4, 18)
    assert issue.message.startswith("invalid TOML: ")


def test_a_document_cut_short_points_at_its_last_line() -> None:
    (issue,) = _issues('version = 1\nrules = [\n  { name = "a" },\n')
    assert issue.line == 3
    assert "end of file" in issue.message


def test_a_policy_without_rules_is_refused() -> None:
    (issue,) = _issues("version = 1\n")
    assert "missing required key 'rules'" in issue.message


def test_duplicate_rule_names_and_min_above_max_are_errors() -> None:
    text = """\
[[rules]]
name = "same"
when = { min_slip_working_days = 9, max_slip_working_days = 3 }

[[rules]]
name = "same"
"""
    issues = _issues(text)
    assert [(i.line, i.message.split(":")[0]) for i in issues] == [
        (3, "rules[0].when.min_slip_working_days"),
        (6, "rules[1].name"),
    ]


def test_a_minimum_value_above_the_maximum_in_the_same_currency_is_an_error() -> None:
    (issue,) = _issues(
        '[[rules]]\nname = "r"\n[rules.when]\nmin_value = { EUR = 900, USD = 1 }\n'
        "max_value = { EUR = 100, JPY = 5 }\n"
    )
    assert (issue.line, issue.message) == (
        4,
        "rules[0].when.min_value: min_value (900 EUR) is above max_value",
    )


def test_an_offer_needs_exactly_the_fields_of_its_kind() -> None:
    text = """\
[[rules]]
name = "r"
[[rules.offers]]
kind = "discount"
item = "x"
[[rules.offers]]
kind = "credit"
percent = 5
amount = { EUR = 10 }
[[rules.offers]]
kind = "discount"
percent = 150
"""
    messages = [(i.line, i.message) for i in _issues(text)]
    assert (5, "rules[0].offers[0].item: 'item' does not apply to a discount offer") in messages
    assert (3, "rules[0].offers[0]: a discount offer needs exactly one of 'percent'") in messages
    assert (6, "rules[0].offers[1]: a credit offer needs exactly one of 'percent' or 'amount'") in (
        messages
    )
    assert (12, "rules[0].offers[2].percent: must be at most 100, got 150") in messages


def test_shares_and_amounts_are_read_as_decimals_not_floats() -> None:
    policy = load_policy(
        '[caps]\nmax_share_of_value = 0.1\nmax_amount = { eur = "999.99" }\n[[rules]]\nname = "r"\n'
    )
    assert policy.caps.max_share_of_value == Decimal("0.1")
    assert policy.caps.max_amount_by_currency == {"EUR": Decimal("999.99")}


def test_the_default_policy_is_valid_and_ordered_as_written() -> None:
    names = [rule.name for rule in default_policy().rules]
    assert names == [
        "client-caused",
        "scope-change",
        "force-majeure",
        "short-slip-early-notice",
        "short-slip",
        "medium-slip",
        "long-slip",
        "very-long-slip",
    ]


def test_a_problem_with_the_whole_document_has_no_empty_key_in_front() -> None:
    (issue,) = _issues("version = 1\n")
    assert issue.message == "missing required key 'rules'"
    assert issue.describe("es") == "falta la clave obligatoria 'rules'"


def test_every_problem_can_be_said_in_spanish() -> None:
    text = """\
version = 2
[caps]
max_amount = { XXY = 10 }
[[rules]]
name = "a"
when = { cause = "nobody", min_slip_working_days = "x" }
offers = [{ kind = "discount", percent = 3, item = "gift" }, { kind = "credit" }]
"""
    described = [issue.describe("es") for issue in _issues(text)]
    assert described == [
        "version: versión no admitida 2 (se espera 1)",
        "caps.max_amount.XXY: moneda desconocida 'XXY' (use un código ISO 4217, como EUR)",
        "rules[0].when.cause: valor desconocido 'nobody' (se espera uno de: client, "
        "force_majeure, ours, scope_change, third_party)",
        "rules[0].when.min_slip_working_days: se esperaba un número entero y hay un texto",
        "rules[0].offers[0].item: 'item' no se aplica a una oferta de tipo discount",
        "rules[0].offers[1]: una oferta de tipo credit necesita exactamente una de estas claves: "
        "'percent' o 'amount'",
    ]
    english = [issue.describe("en") for issue in _issues(text)]
    assert english == [issue.message for issue in _issues(text)]
    assert "a credit offer needs exactly one of 'percent' or 'amount'" in english[-1]


def test_the_default_policy_offers_nothing_for_a_scope_change_the_client_asked_for() -> None:
    situation = Situation(
        slip_working_days=12,
        planned_working_days=60,
        value=Decimal("24000"),
        currency="EUR",
        cause="scope_change",
    )
    decision = decide(default_policy(), situation, lang="es")
    assert (decision.rule, decision.offers) == ("scope-change", ())
    assert "cambio de alcance" in decision.reason
