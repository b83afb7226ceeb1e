"""Estimates from tracker labels, and what a tracker's rate-limit answer asks us to wait."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from plazo.core.tracker import EstimateRule, day_of, hours
from plazo.sources.limits import RateLimit, rate_limit


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["estimate: 3h"], Decimal("3.00")),
        (["Estimate 2.5 hours"], Decimal("2.50")),
        (["size: 5"], Decimal("20.00")),  # no unit: points, 4 h each
        (["sp=2 pts"], Decimal("8.00")),
        (["estimate: 1.5d"], Decimal("12.00")),  # 8 h a day
        (["bug", "frontend"], None),
        (["estimate: 0h"], None),  # nothing to store
        (["bug", "size: 1", "estimate: 9h"], Decimal("4.00")),  # the first that matches
        (["3h"], None),  # the default pattern wants a name before the number
    ],
)
def test_the_default_pattern_reads_hours_days_and_points(
    labels: list[str], expected: Decimal | None
) -> None:
    assert EstimateRule().hours_from_labels(labels) == expected


def test_a_custom_pattern_and_rates() -> None:
    rule = EstimateRule(
        r"^(\d+)\s*(?P<unit>d)?$", hours_per_point=Decimal(2), hours_per_day=Decimal(6)
    )
    assert rule.hours_from_labels(["3"]) == Decimal("6.00")
    assert rule.hours_from_labels(["3d"]) == Decimal("18.00")


def test_a_pattern_without_a_group_is_refused() -> None:
    with pytest.raises(ValueError, match="needs a group"):
        EstimateRule(r"estimate")


def test_hours_and_days_from_tracker_values() -> None:
    assert hours(1.005) == Decimal("1.00")  # half to even, in cents
    assert hours(0) is None
    assert hours(1_000_000) is None
    madrid = ZoneInfo("Europe/Madrid")
    assert day_of("2026-11-18T23:30:00Z", madrid) == date(2026, 11, 19)
    assert day_of("2026-11-19T15:20:11.000+0100", madrid) == date(2026, 11, 19)
    assert day_of("2027-01-29", madrid) == date(2027, 1, 29)
    assert day_of(None, madrid) is None


NOW = 1_800_000_000.0


@pytest.mark.parametrize(
    ("status", "headers", "body", "expected"),
    [
        (403, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(NOW) + 42)}, "{}",
         RateLimit(43, "rate limit")),
        (429, {"retry-after": "30"}, "You have exceeded a secondary rate limit",
         RateLimit(30, "secondary rate limit")),
        (403, {}, "You have exceeded a secondary rate limit.",
         RateLimit(60, "secondary rate limit")),
        (429, {}, "", RateLimit(60, "rate limit")),
        (403, {"x-ratelimit-remaining": "12"}, "Resource not accessible by integration", None),
        (404, {"retry-after": "5"}, "", None),
    ],
)  # fmt: skip
def test_rate_limit_answers(
    status: int, headers: dict[str, str], body: str, expected: RateLimit | None
) -> None:
    assert rate_limit(status, headers, body, now=NOW) == expected


def test_retry_after_may_be_an_http_date() -> None:
    now = datetime(2027, 1, 15, 8, 0, tzinfo=UTC).timestamp()
    found = rate_limit(429, {"retry-after": "Fri, 15 Jan 2027 08:00:10 GMT"}, "", now=now)
    assert found == RateLimit(10, "rate limit")
