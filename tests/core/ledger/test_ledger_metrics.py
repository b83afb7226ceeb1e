"""Ledger metrics on a small history computed by hand (November 2026: the 2nd is a Monday)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from plazo.core.ledger import (
    CompensationTotals,
    MissedDeadline,
    OfferRecord,
    OfferState,
    Outcome,
    PromiseRecord,
    compute_metrics,
)


def _nov(day: int) -> date:
    return date(2026, 11, day)


# A (Alameda): promised 6 Nov, re-promised on 2 Nov for 20 Nov (4 working days of notice), then
#   told on Tue 24 Nov, after the 20th had passed (-2), for 4 Dec, kept on 3 Dec. Slipped twice.
# B (Bravo): 13 Nov re-promised on the day itself (lead 0, the client told by phone) for 27 Nov,
#   delivered late on 1 Dec without a word.
# C (Alameda): one promise, kept on the day.
# D (Bravo): due 25 Nov, still pending on 30 Nov, nobody told.
PROMISES = [
    PromiseRecord("A", "Alameda", promised_on=_nov(6), made_on=date(2026, 10, 1)),
    PromiseRecord("B", "Bravo", promised_on=_nov(13), made_on=date(2026, 10, 5)),
    PromiseRecord("A", "Alameda", promised_on=_nov(20), made_on=_nov(2), notice_sent_on=_nov(2)),
    PromiseRecord(
        "A",
        "Alameda",
        promised_on=date(2026, 12, 4),
        made_on=_nov(23),
        notice_sent_on=_nov(24),
        outcome=Outcome.KEPT,
        delivered_on=date(2026, 12, 3),
    ),
    PromiseRecord(
        "B",
        "Bravo",
        promised_on=_nov(27),
        made_on=_nov(13),
        told_on=_nov(13),
        outcome="broken",  # type: ignore[arg-type]  # the database's plain string is accepted
        delivered_on=date(2026, 12, 1),
    ),
    PromiseRecord(
        "C",
        "Alameda",
        promised_on=_nov(16),
        made_on=date(2026, 10, 10),
        outcome=Outcome.KEPT,
        delivered_on=_nov(16),
    ),
    PromiseRecord("D", "Bravo", promised_on=_nov(25), made_on=date(2026, 10, 20)),
]

OFFERS = [
    OfferRecord("A", "Alameda", "discount", Decimal("500"), "EUR", OfferState.ACCEPTED, _nov(24)),
    OfferRecord("A", "Alameda", "extra", Decimal("400"), "EUR", OfferState.APPLIED, _nov(3)),
    OfferRecord("B", "Bravo", "credit", Decimal("100"), "USD", OfferState.DECLINED, _nov(14)),
    OfferRecord(
        "B",
        "Bravo",
        "discount",
        Decimal("250"),
        "usd",
        OfferState.APPLIED,
        _nov(28),
        Decimal("200"),
    ),
]

TODAY = _nov(30)


def test_on_time_rate_counts_kept_over_kept_and_broken() -> None:
    metrics = compute_metrics(PROMISES, OFFERS, today=TODAY)
    assert (metrics.promises_kept, metrics.promises_broken) == (2, 1)
    assert metrics.on_time_rate == pytest.approx(2 / 3)


def test_re_slip_rate_is_the_share_of_projects_with_two_or_more_slips() -> None:
    metrics = compute_metrics(PROMISES, OFFERS, today=TODAY)
    assert (metrics.projects, metrics.slipped_projects, metrics.re_slipped_projects) == (4, 2, 1)
    assert metrics.re_slip_rate == 0.25


def test_notice_lead_is_signed_working_days_from_the_notice_to_the_replaced_deadline() -> None:
    metrics = compute_metrics(PROMISES, OFFERS, today=TODAY)
    assert metrics.notice_lead_working_days == (4, -2, 0)
    assert metrics.notice_lead_median_working_days == 0.0
    assert metrics.notice_lead_mean_working_days == pytest.approx(2 / 3)


def test_deadlines_missed_without_notice_are_listed() -> None:
    metrics = compute_metrics(PROMISES, OFFERS, today=TODAY)
    assert metrics.missed_without_notice == (
        MissedDeadline("A", "Alameda", _nov(20)),
        MissedDeadline("B", "Bravo", _nov(27)),
        MissedDeadline("D", "Bravo", _nov(25)),
    )


def test_without_today_a_pending_promise_is_not_yet_known_to_be_missed() -> None:
    missed = compute_metrics(PROMISES, OFFERS).missed_without_notice
    assert [m.project_id for m in missed] == ["A", "B"]


def test_compensation_totals_are_per_currency_and_applied_counts_as_accepted() -> None:
    metrics = compute_metrics(PROMISES, OFFERS, today=TODAY)
    assert metrics.compensation == {
        "EUR": CompensationTotals(Decimal("900"), Decimal("900"), Decimal("400")),
        "USD": CompensationTotals(Decimal("350"), Decimal("250"), Decimal("200")),
    }


def test_one_clients_metrics() -> None:
    metrics = compute_metrics(PROMISES, OFFERS, client="Alameda", today=TODAY)
    assert metrics.on_time_rate == 1.0
    assert (metrics.projects, metrics.re_slipped_projects) == (2, 1)
    assert metrics.notice_lead_working_days == (4, -2)
    assert [m.project_id for m in metrics.missed_without_notice] == ["A"]
    assert set(metrics.compensation) == {"EUR"}


def test_a_period_takes_each_record_by_its_own_date() -> None:
    metrics = compute_metrics(PROMISES, OFFERS, since=_nov(21), until=TODAY, today=TODAY)
    assert (metrics.promises_kept, metrics.promises_broken) == (0, 1)  # deadlines in the period
    assert metrics.notice_lead_working_days == (-2,)  # heard in the period
    assert [m.project_id for m in metrics.missed_without_notice] == ["B", "D"]
    assert (metrics.projects, metrics.slipped_projects, metrics.re_slipped_projects) == (3, 2, 1)
    assert metrics.compensation == {
        "EUR": CompensationTotals(Decimal("500"), Decimal("500"), Decimal("0")),
        "USD": CompensationTotals(Decimal("250"), Decimal("250"), Decimal("200")),
    }


def test_a_holiday_aware_calendar_can_be_passed_in() -> None:
    def calendar_days(start: date, end: date) -> int:
        return (end - start).days

    metrics = compute_metrics(PROMISES, OFFERS, calendar_working_days=calendar_days)
    assert metrics.notice_lead_working_days == (4, -4, 0)


def test_an_empty_ledger_has_no_rates_rather_than_zero() -> None:
    metrics = compute_metrics([], [])
    assert metrics.on_time_rate is None
    assert metrics.re_slip_rate is None
    assert metrics.notice_lead_median_working_days is None
    assert metrics.missed_without_notice == ()


def test_promises_made_the_same_day_keep_their_given_order() -> None:
    first = PromiseRecord("X", "Y", promised_on=_nov(10), made_on=_nov(2))
    second = PromiseRecord("X", "Y", promised_on=_nov(12), made_on=_nov(2), told_on=_nov(2))
    assert compute_metrics([first, second], []).notice_lead_working_days == (6,)


def test_metrics_serialise_to_json_ready_values() -> None:
    data = compute_metrics(PROMISES, OFFERS, today=TODAY).to_dict()
    assert data["notice_lead_working_days"] == {
        "median": 0.0,
        "mean": pytest.approx(2 / 3),
        "count": 3,
    }
    assert data["missed_without_notice"][0] == {
        "project": "A",
        "client": "Alameda",
        "promised_on": "2026-11-20",
    }
    assert data["compensation"]["USD"] == {"offered": "350", "accepted": "250", "applied": "200"}


def test_a_promise_brought_forward_is_no_slip_and_gives_no_notice_lead() -> None:
    # E: promised 26 Feb, then the client asked for 17 Dec and got it (earlier), then it slipped
    # to 21 Dec: one slip, one notice lead (from the 17 Dec promise), no re-slip.
    history = [
        PromiseRecord("E", "Eco", promised_on=date(2027, 2, 26), made_on=_nov(2)),
        PromiseRecord(
            "E", "Eco", promised_on=date(2026, 12, 17), made_on=_nov(9), notice_sent_on=_nov(9)
        ),
        PromiseRecord(
            "E", "Eco", promised_on=date(2026, 12, 21), made_on=_nov(16), notice_sent_on=_nov(16)
        ),
    ]
    metrics = compute_metrics(history, [], since=_nov(1), until=_nov(30))
    assert metrics.slipped_projects == 1
    assert metrics.re_slipped_projects == 0
    assert metrics.notice_lead_working_days == (23,)  # 16 Nov → 17 Dec
    only_forward = compute_metrics(history[:2], [], since=_nov(1), until=_nov(30))
    assert only_forward.slipped_projects == 0
    assert only_forward.notice_lead_working_days == ()


def test_a_promise_kept_early_counts_in_the_period_it_was_delivered_in() -> None:
    # Promised for 15 Jan, delivered on 20 Nov: kept, and settled in November.
    early = PromiseRecord(
        "E",
        "Eco",
        promised_on=date(2027, 1, 15),
        made_on=_nov(2),
        outcome=Outcome.KEPT,
        delivered_on=_nov(20),
    )
    november = compute_metrics([early], [], since=_nov(1), until=_nov(30), today=_nov(30))
    january = compute_metrics(
        [early], [], since=date(2027, 1, 1), until=date(2027, 1, 31), today=date(2027, 2, 1)
    )
    assert (november.promises_kept, november.promises_broken, november.on_time_rate) == (1, 0, 1.0)
    assert (january.promises_kept, january.promises_broken) == (0, 0)  # counted once
    assert november.missed_without_notice == ()


def test_a_broken_promise_still_counts_when_its_deadline_passed() -> None:
    late = PromiseRecord(
        "L",
        "Lima",
        promised_on=_nov(13),
        made_on=_nov(2),
        outcome=Outcome.BROKEN,
        delivered_on=date(2026, 12, 3),
    )
    november = compute_metrics([late], [], since=_nov(1), until=_nov(30), today=_nov(30))
    december = compute_metrics(
        [late], [], since=date(2026, 12, 1), until=date(2026, 12, 31), today=date(2027, 1, 1)
    )
    assert (november.promises_kept, november.promises_broken) == (0, 1)
    assert (december.promises_kept, december.promises_broken) == (0, 0)
