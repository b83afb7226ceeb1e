"""The ledger page's service: the core's metrics per client and per month, counts beside them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from plazo.core.ledger import CompensationTotals, promise_standings
from plazo.core.ledger.periods import bucket_size
from plazo.store.models import Organisation
from plazo.store.services.ledger.metrics import ledger_metrics
from plazo.store.services.ledger.records import promise_records
from plazo.store.services.pages import ledger as ledger_pages
from plazo.store.services.pages.ledger import LedgerPage, OfferCounts, ledger_page
from tests.app.factories import make_org
from tests.app.ledger_data import hand_ledger

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)


def _year(org: Organisation, client_id: int | None = None) -> LedgerPage:
    """The ledger page of 2025, seen from ``TODAY``."""
    return ledger_page(
        org, since=date(2025, 1, 1), until=date(2025, 12, 31), today=TODAY, client_id=client_id
    )


def test_the_headline_is_the_hand_worked_ledger() -> None:
    total = _year(hand_ledger().org).total
    m = total.metrics
    assert (m.promises_kept, m.promises_broken, total.resolved) == (2, 1, 3)
    assert (m.projects, m.slipped_projects, m.re_slipped_projects) == (3, 2, 1)
    assert sorted(m.notice_lead_working_days) == [-4, 4, 4]
    assert [(x.client, x.promised_on) for x in m.missed_without_notice] == [
        ("Alfa", date(2025, 5, 30)),
        ("Beta", date(2025, 6, 16)),
    ]
    assert total.promises_made == 6
    assert m.compensation["EUR"] == CompensationTotals(Decimal(300), Decimal(200), Decimal(150))
    assert m.compensation["USD"] == CompensationTotals(Decimal(50), Decimal(0), Decimal(0))
    assert total.offer_counts == {"EUR": OfferCounts(2, 1, 1), "USD": OfferCounts(1, 0, 0)}


def test_the_page_uses_the_same_definition_as_the_cli() -> None:
    ledger = hand_ledger()
    for client_id, name in ((None, None), (ledger.alfa.pk, "Alfa"), (ledger.beta.pk, "Beta")):
        for since, until in (
            (date(2025, 1, 1), date(2025, 12, 31)),
            (date(2025, 4, 1), date(2025, 6, 30)),
        ):
            page = ledger_page(
                ledger.org, since=since, until=until, today=TODAY, client_id=client_id
            )
            cli = ledger_metrics(ledger.org, today=TODAY, client=name, since=since, until=until)
            assert page.total.metrics == cli


@pytest.mark.parametrize(
    ("since", "until"),
    [(date(2025, 1, 1), date(2025, 12, 31)), (date(2023, 5, 9), date(2026, 2, 3))],
)
def test_each_month_is_what_the_cli_says_for_that_month(since: date, until: date) -> None:
    ledger = hand_ledger()  # months and quarters see different promises, notices and offers
    page = ledger_page(ledger.org, since=since, until=until, today=TODAY)
    assert len(page.buckets) > 1
    for bucket in page.buckets:
        cli = ledger_metrics(ledger.org, today=TODAY, since=bucket.start, until=bucket.end)
        assert bucket.scope.metrics == cli, bucket.start


def test_each_client_row_holds_only_that_clients_promises_and_offers() -> None:
    ledger = hand_ledger()
    rows = {row.name: row.scope for row in _year(ledger.org).per_client}
    alfa, beta = rows["Alfa"], rows["Beta"]
    assert (alfa.promises_made, alfa.metrics.promises_kept, alfa.metrics.promises_broken) == (
        3,
        1,
        1,
    )
    assert (alfa.metrics.slipped_projects, alfa.metrics.re_slipped_projects) == (1, 0)
    assert alfa.metrics.notice_lead_mean_working_days == 4
    assert set(alfa.metrics.compensation) == {"EUR"}
    assert (beta.promises_made, beta.metrics.promises_kept, beta.metrics.re_slipped_projects) == (
        3,
        1,
        1,
    )
    assert beta.metrics.notice_lead_mean_working_days == 0
    assert beta.offer_counts == {"EUR": OfferCounts(1, 0, 0), "USD": OfferCounts(1, 0, 0)}


def test_months_split_the_period_and_count_what_fell_in_each() -> None:
    page = _year(hand_ledger().org)
    assert page.bucket_size == "month"
    assert [(b.start, b.end) for b in page.buckets][:2] == [
        (date(2025, 1, 1), date(2025, 1, 31)),
        (date(2025, 2, 1), date(2025, 2, 28)),
    ]
    on_time = {
        b.start.month: (b.scope.metrics.promises_kept, b.scope.resolved) for b in page.buckets
    }
    assert on_time[3] == (1, 1)  # Web, kept on 14 Mar
    assert on_time[5] == (0, 1)  # App, broken on 30 May
    assert on_time[8] == (1, 1)  # Shop, kept on 29 Aug
    assert sum(resolved for _, resolved in on_time.values()) == 3
    april = page.buckets[3].scope.metrics.compensation["EUR"]
    assert april.offered == Decimal(200)


def test_a_period_cut_mid_month_cuts_its_first_and_last_months() -> None:
    page = ledger_page(make_org(), since=date(2025, 3, 14), until=date(2025, 5, 2), today=TODAY)
    assert [(b.start, b.end) for b in page.buckets] == [
        (date(2025, 3, 14), date(2025, 3, 31)),
        (date(2025, 4, 1), date(2025, 4, 30)),
        (date(2025, 5, 1), date(2025, 5, 2)),
    ]


@pytest.mark.parametrize(
    ("since", "until", "size"),
    [
        (date(2024, 1, 1), date(2025, 12, 31), "month"),
        (date(2024, 1, 1), date(2026, 1, 1), "quarter"),
        (date(2018, 1, 1), date(2025, 12, 31), "quarter"),
        (date(2017, 12, 1), date(2025, 12, 31), "year"),
    ],
)
def test_long_periods_are_drawn_by_quarter_or_year(since: date, until: date, size: str) -> None:
    assert bucket_size(since, until) == size


def test_a_client_of_another_organisation_selects_nothing() -> None:
    mine, theirs = hand_ledger(), hand_ledger()
    page = _year(mine.org, theirs.alfa.pk)
    assert page.client_id is None
    assert page.total.is_empty
    assert page.per_client == ()


@pytest.mark.parametrize("copies", [1, 8])
def test_the_page_reads_the_database_four_times_whatever_its_size(
    copies: int, django_assert_num_queries: Any
) -> None:
    org = make_org()
    for n in range(copies):
        hand_ledger(org, alfa_name=f"Alfa {n}", beta_name=f"Beta {n}")
    # clients, promises, offers, and the listed promises' cancellations and reopenings
    with django_assert_num_queries(4):
        page = _year(org)
    assert len(page.per_client) == 2 * copies


@pytest.mark.parametrize("shown", [1, 3, 100])
def test_the_promise_list_is_the_newest_of_every_standing_in_the_period(
    shown: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the listed promises get a standing; they are exactly the first of all of them."""
    org = make_org()
    for n in range(3):
        hand_ledger(org, alfa_name=f"Alfa {n}", beta_name=f"Beta {n}")
    since, until = date(2025, 3, 1), date(2025, 8, 31)
    promises, _ = promise_records(org)
    histories: dict[object, list[Any]] = {}
    for promise in promises:
        histories.setdefault(promise.project_id, []).append(promise)
    every = sorted(
        (
            s
            for history in histories.values()
            for s in promise_standings(history, today=TODAY)
            if since <= s.record.made_on <= until or since <= s.record.promised_on <= until
        ),
        key=lambda s: (s.record.made_on, s.record.promised_on),
        reverse=True,
    )
    monkeypatch.setattr(ledger_pages, "PROMISES_PER_PAGE", shown)
    page = ledger_page(org, since=since, until=until, today=TODAY)
    assert [standing for standing, _ in page.promises] == every[:shown]
    assert page.promises_in_period == len(every) > 3
    # Page after page, every promise of the period is listed once, in the same order.
    listed = []
    assert page.promise_page is not None
    for number in page.promise_page.paginator.page_range:
        one = ledger_page(org, since=since, until=until, today=TODAY, page_number=number)
        listed += [standing for standing, _ in one.promises]
    assert listed == every
    last = ledger_page(org, since=since, until=until, today=TODAY, page_number=999)
    assert [s for s, _ in last.promises] == every[(len(every) - 1) // shown * shown :]
    junk = ledger_page(org, since=since, until=until, today=TODAY, page_number="two")
    assert [s for s, _ in junk.promises] == every[:shown]
