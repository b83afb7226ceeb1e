"""Under the default policy, more harm never earns a smaller offer."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from plazo.core.policy import Situation, decide, default_policy

POLICY = default_policy()

values = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False)
currencies = st.sampled_from(["EUR", "USD", "JPY", "GBP", "MXN", "CHF"])
causes = st.sampled_from(["ours", "client", "third_party", "force_majeure"])
leads = st.none() | st.integers(min_value=-20, max_value=60)


def _total(
    slip: int, value: Decimal, currency: str, repeat: int, cause: str, lead: int | None
) -> Decimal:
    situation = Situation(
        slip_working_days=slip,
        planned_working_days=60,
        value=value,
        currency=currency,
        repeat=repeat,
        cause=cause,
        notice_lead_working_days=lead,
    )
    return decide(POLICY, situation).total


@given(
    slip=st.integers(min_value=0, max_value=80),
    extra_days=st.integers(min_value=1, max_value=40),
    value=values,
    currency=currencies,
    repeat=st.integers(min_value=0, max_value=5),
    cause=causes,
    lead=leads,
)
def test_a_longer_slip_never_gets_a_smaller_offer(
    slip: int,
    extra_days: int,
    value: Decimal,
    currency: str,
    repeat: int,
    cause: str,
    lead: int | None,
) -> None:
    shorter = _total(slip, value, currency, repeat, cause, lead)
    longer = _total(slip + extra_days, value, currency, repeat, cause, lead)
    assert longer >= shorter


@given(
    slip=st.integers(min_value=0, max_value=80),
    value=values,
    currency=currencies,
    repeat=st.integers(min_value=0, max_value=5),
    cause=causes,
    lead=leads,
)
def test_a_repeat_slip_never_gets_a_smaller_offer(
    slip: int, value: Decimal, currency: str, repeat: int, cause: str, lead: int | None
) -> None:
    assert _total(slip, value, currency, repeat + 1, cause, lead) >= _total(
        slip, value, currency, repeat, cause, lead
    )


@given(slip=st.integers(min_value=0, max_value=80), value=values, currency=currencies)
def test_no_offer_ever_exceeds_the_share_cap(slip: int, value: Decimal, currency: str) -> None:
    total = _total(slip, value, currency, 5, "ours", None)
    assert total <= value * Decimal("0.15")
