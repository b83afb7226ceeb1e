"""Nobody slips twice in silence: the ledger service's rule for a later promised date (outsider 6,
B2) and whom a promise is made to (M13)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from plazo.store.models import Commitment, DelayCase, PromiseEvent
from plazo.store.services.delays.manual import CaseNotOpened, propose_later_date
from plazo.store.services.ledger.metrics import ledger_metrics
from plazo.store.services.ledger.promises import (
    TellingError,
    UnannouncedSlipError,
    record_promise,
)
from tests.app.demo_case import approve_plain_notice, open_at_risk_case
from tests.app.factories import NOW, make_client, make_contact, make_item, make_org, make_project

pytestmark = pytest.mark.django_db
TODAY = NOW.date()  # 1 December 2026 (UTC clients)
JAN_29, FEB_5 = date(2027, 1, 29), date(2027, 2, 5)


def _kitchen() -> object:
    org = make_org()
    project = make_project(org, make_client(org, name="Familia Soler"), start_on=date(2026, 11, 2))
    record_promise(project, JAN_29, made_at=NOW - timedelta(days=1))
    return project


def test_a_later_date_with_no_notice_and_no_telling_is_refused_and_changes_nothing() -> None:
    project = _kitchen()
    with pytest.raises(UnannouncedSlipError) as refused:
        record_promise(project, FEB_5, made_at=NOW, reason="Changed in the dashboard.")
    assert refused.value.code == "slip_needs_notice"
    project.refresh_from_db()  # type: ignore[attr-defined]
    assert project.promised_on == JAN_29  # type: ignore[attr-defined]
    assert Commitment.objects.filter(project=project).count() == 1


def test_an_earlier_date_is_a_plain_change() -> None:
    project = _kitchen()
    record_promise(project, date(2027, 1, 22), made_at=NOW)
    project.refresh_from_db()  # type: ignore[attr-defined]
    assert project.promised_on == date(2027, 1, 22)  # type: ignore[attr-defined]


def test_a_telling_outside_plazo_is_kept_with_its_day_and_counts_as_notice_from_then() -> None:
    project = _kitchen()
    recorded = record_promise(
        project,
        FEB_5,
        made_at=NOW,
        told_on=TODAY,
        reason="la encimera llega tarde; llamé a Vicente",
    )
    events = PromiseEvent.objects.filter(commitment=recorded.commitment)
    assert [(e.kind, e.happened_on) for e in events] == [("told", TODAY)]
    metrics = ledger_metrics(project.organisation, today=TODAY)  # type: ignore[attr-defined]
    assert metrics.notice_lead_working_days == (43,)  # 1 Dec → 29 Jan, Monday to Friday
    assert metrics.slips_without_notice == ()


@pytest.mark.parametrize(
    ("told_on", "reason", "field"),
    [
        (TODAY, "", "reason"),
        (TODAY + timedelta(days=1), "llamé", "told_on"),
        (TODAY - timedelta(days=3), "llamé", "told_on"),  # before the promise was made
    ],
)
def test_a_telling_needs_a_reason_and_a_day_that_was(
    told_on: date, reason: str, field: str
) -> None:
    project = _kitchen()
    with pytest.raises(TellingError) as refused:
        record_promise(project, FEB_5, made_at=NOW, told_on=told_on, reason=reason)
    assert refused.value.field == field
    assert Commitment.objects.filter(project=project).count() == 1


def test_an_old_silent_slip_is_listed_and_is_no_notice() -> None:
    """The outsider's home holds one: 29 Jan moved to 5 Feb in the dashboard, nobody told."""
    project = _kitchen()
    record_promise(project, FEB_5, made_at=NOW, unannounced=True)
    metrics = ledger_metrics(project.organisation, today=TODAY)  # type: ignore[attr-defined]
    assert metrics.notice_lead_working_days == ()
    assert [(s.promised_on, s.moved_to) for s in metrics.slips_without_notice] == [(JAN_29, FEB_5)]
    later = ledger_metrics(project.organisation, today=date(2027, 1, 30))  # type: ignore[attr-defined]
    assert [m.promised_on for m in later.missed_without_notice] == [JAN_29]


def test_proposing_a_later_date_puts_it_in_the_draft_case_and_keeps_the_promise() -> None:
    project = _kitchen()
    make_item(project, estimate_hours=10)
    case = propose_later_date(project, FEB_5, now=NOW, cause="la encimera llega tarde")
    assert (case.state, case.chosen_on, case.cause) == ("draft", FEB_5, "la encimera llega tarde")
    again = propose_later_date(project, date(2027, 2, 8), now=NOW, cause="otra cosa")
    assert again.pk == case.pk
    again.refresh_from_db()
    assert (again.chosen_on, again.cause) == (date(2027, 2, 8), "la encimera llega tarde")
    project.refresh_from_db()  # type: ignore[attr-defined]
    assert project.promised_on == JAN_29  # type: ignore[attr-defined]
    assert DelayCase.objects.filter(project=project).count() == 1


def test_a_notice_already_approved_is_not_overwritten_by_a_new_date() -> None:
    case = open_at_risk_case()
    approve_plain_notice(case)
    project = case.project
    project.refresh_from_db()
    with pytest.raises(CaseNotOpened) as refused:
        propose_later_date(project, project.promised_on + timedelta(days=7), now=NOW)  # type: ignore[operator]
    assert refused.value.code == "notice_on_its_way"


def test_every_promise_is_made_to_the_client_first_or_by_a_notice() -> None:
    """M13: the first promise said "Familia Soler", the notice's "Vicente Soler"."""
    case = open_at_risk_case()
    client = case.project.client
    make_contact(client, name="Vicente Soler", email="vicente@example.com")
    approve_plain_notice(case)
    made_to = list(
        Commitment.objects.filter(project=case.project)
        .order_by("made_at", "pk")
        .values_list("made_to", flat=True)
    )
    assert len(made_to) == 2
    assert made_to == [client.name, client.name]


def test_a_promise_told_outside_plazo_is_made_on_the_day_told_as_its_predecessor_says() -> None:
    """Fixlast: told on D, recorded today: the new row said "Prometida el <today>" while the one
    it replaced said "sustituida el D". The new promise is made on D, on every page."""
    from plazo.store.services.ledger.records import promise_records
    from plazo.store.services.pages.project import promise_rows

    org = make_org()
    project = make_project(org, make_client(org, name="Familia Soler"), start_on=date(2026, 11, 2))
    record_promise(project, JAN_29, made_at=NOW - timedelta(days=6))
    told_on = TODAY - timedelta(days=2)
    record_promise(project, FEB_5, made_at=NOW, told_on=told_on, reason="llamé a Vicente")
    records, _names = promise_records(org)
    assert [r.made_on for r in records] == [TODAY - timedelta(days=6), told_on]
    commitments = list(Commitment.objects.filter(project=project).order_by("made_at", "pk"))
    rows = promise_rows(project, commitments, today=TODAY)
    assert rows[0].standing.replaced_on == told_on
    assert rows[1].standing.record.made_on == told_on
