"""The policy's explanation counts in the singular and plural and names its codes in words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plazo.core.policy import Situation, decide, default_policy, load_policy

TIERED = """
[[rules]]
name = "standard-one-day"
when = { tier = "standard", min_slip_working_days = 1, max_slip_working_days = 1, min_repeat = 1 }
offers = [{ kind = "discount", percent = 2 }]
"""


def _situation(**changes: object) -> Situation:
    fields: dict[str, object] = {
        "slip_working_days": 1,
        "planned_working_days": 40,
        "value": Decimal("10000"),
        "currency": "EUR",
        "notice_lead_working_days": 8,
    }
    fields.update(changes)
    return Situation(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "es",
            "Se aplica la regla «retraso corto avisado con antelación»: la causa es nuestra, un "
            "retraso de 1 día laborable (entre 1 y 2), es el primer retraso de este proyecto y un "
            "aviso con 8 días laborables de antelación (al menos 5).",
        ),
        (
            "en",
            "Rule “short-slip-early-notice” applies: the cause is ours, a slip of 1 working day "
            "(between 1 and 2), it is the project's first slip and notice 8 working days before "
            "the deadline (at least 5).",
        ),
    ],
)
def test_a_first_one_day_slip_reads_in_the_singular_with_no_zero_bounds(
    lang: str, expected: str
) -> None:
    reason = decide(default_policy(), _situation(), lang=lang).reason
    assert reason.startswith(expected)
    assert "(at most 0)" not in reason
    assert "(como mucho 0)" not in reason


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "es",
            "la categoría del cliente es estándar, un retraso de 1 día laborable y "
            "1 retraso anterior de este proyecto (al menos 1)",
        ),
        (
            "en",
            "the client's tier is standard, a slip of 1 working day and 1 earlier slip of this "
            "project (at least 1)",
        ),
    ],
)
def test_one_earlier_slip_and_the_default_tier_are_in_words(lang: str, expected: str) -> None:
    reason = decide(load_policy(TIERED), _situation(repeat=1), lang=lang).reason
    assert expected in reason


def test_a_policy_of_ones_own_keeps_its_codes() -> None:
    reason = decide(load_policy(TIERED), _situation(repeat=1), lang="es").reason
    assert "«standard-one-day»" in reason


@pytest.mark.parametrize(("lang", "once"), [("es", "se retrasó una vez."), ("en", "slipped once.")])
def test_an_escalation_after_one_slip_says_once(lang: str, once: str) -> None:
    situation = _situation(slip_working_days=6, repeat=1)
    assert decide(default_policy(), situation, lang=lang).reason.endswith(once)
