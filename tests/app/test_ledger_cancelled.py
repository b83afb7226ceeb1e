"""A cancelled project's promise ends in the ledger as cancelled: neither kept nor broken, never a
deadline "missed without notice", and shown as such on the project page and in the metrics."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from plazo.core.ledger import Outcome, Standing
from plazo.store.models import Client, Commitment, Project
from plazo.store.services.importing import import_text
from plazo.store.services.ledger.metrics import ledger_events, ledger_metrics
from plazo.store.services.ledger.promises import record_promise
from plazo.store.services.pages.project import project_page
from plazo.store.services.work.records import update_project
from tests.app.factories import UTC, make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
PROMISED = date(2026, 12, 20)
AFTER_THE_DATE = date(2027, 1, 15)


def _promised() -> Project:
    project = make_project(make_org(), name="Portal", start_on=date(2026, 10, 1))
    record_promise(project, PROMISED, made_at=datetime(2026, 10, 1, tzinfo=UTC))
    project.refresh_from_db()
    return project


def _current(project: Project) -> Commitment:
    return Commitment.objects.get(project=project, is_current=True)


def test_cancelling_a_project_ends_its_promise_cancelled_on_that_day() -> None:
    project = _promised()
    update_project(project, {"status": "cancelled"}, now=NOW)
    current = _current(project)
    assert (current.outcome, current.resolved_on) == ("cancelled", date(2026, 12, 1))

    metrics = ledger_metrics(project.organisation, today=AFTER_THE_DATE)
    assert metrics.missed_without_notice == ()  # cancelled before its date: nothing was missed
    assert (metrics.promises_kept, metrics.promises_broken) == (0, 0)
    assert metrics.on_time_rate is None
    assert metrics.promises_cancelled == 1
    assert metrics.to_dict()["promises_cancelled"] == 1

    [row] = project_page(project, now=datetime(2027, 1, 15, 10, tzinfo=UTC)).promises
    assert row.standing.standing is Standing.CANCELLED  # not "overdue" forever
    assert row.standing.record.cancelled_on == date(2026, 12, 1)


def test_a_deadline_missed_before_the_cancellation_still_counts() -> None:
    project = _promised()
    update_project(project, {"status": "cancelled"}, now=datetime(2027, 1, 10, 10, tzinfo=UTC))
    metrics = ledger_metrics(project.organisation, today=AFTER_THE_DATE)
    assert [m.promised_on for m in metrics.missed_without_notice] == [PROMISED]


def test_taking_a_cancelled_project_up_again_reopens_its_promise() -> None:
    project = _promised()
    update_project(project, {"status": "cancelled"}, now=NOW)
    update_project(project, {"status": "active"}, now=NOW + timedelta(days=1))
    current = _current(project)
    assert (current.outcome, current.resolved_on) == (Outcome.PENDING, None)


def test_a_paused_project_keeps_its_promise_pending() -> None:
    project = _promised()
    update_project(project, {"status": "paused"}, now=NOW)
    assert _current(project).outcome == "pending"


def test_an_import_that_cancels_a_project_ends_its_promise_too() -> None:
    org = make_org()
    Client.objects.create(organisation=org, name="Acme", time_zone="Europe/Madrid")
    header = "client,external_id,name,start_on,promised_on,status\n"
    import_text(
        org,
        "projects",
        header + "Acme,web,Web,2026-10-01,2026-12-20,active\n",
        "csv",
        source="p.csv",
        now=NOW,
    )
    import_text(
        org, "projects", header + "Acme,web,Web,,,cancelled\n", "csv", source="p.csv", now=NOW
    )
    current = Commitment.objects.get(project__external_id="web", is_current=True)
    assert (current.outcome, current.resolved_on) == ("cancelled", date(2026, 12, 1))


def test_the_project_page_says_the_promise_was_cancelled() -> None:
    project = _promised()
    update_project(project, {"status": "cancelled"}, now=NOW)
    browser, _ = browser_for(project.organisation)
    page = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "el proyecto se canceló antes de la entrega" in page
    page = browser.get(f"/projects/{project.pk}/").content.decode()
    assert "the project was cancelled before delivery" in page


def test_a_cancellation_undone_stays_in_the_ledger_as_two_events() -> None:
    project = _promised()
    update_project(project, {"status": "cancelled"}, now=NOW)
    update_project(project, {"status": "active"}, now=NOW + timedelta(days=3))
    current = _current(project)
    assert [(e.kind, e.happened_on) for e in current.events.all()] == [
        ("cancelled", date(2026, 12, 1)),
        ("reopened", date(2026, 12, 4)),
    ]
    events = ledger_events(project.organisation)
    assert [(e.project, e.promised_on, e.event, e.on) for e in events] == [
        ("Portal", PROMISED, "cancelled", date(2026, 12, 1)),
        ("Portal", PROMISED, "reopened", date(2026, 12, 4)),
    ]
    assert ledger_events(project.organisation, since=date(2026, 12, 2))[0].event == "reopened"
    assert ledger_events(project.organisation, client="Somebody else") == []

    browser, _ = browser_for(project.organisation)
    page = browser.get(f"/projects/{project.pk}/").content.decode()
    assert "project cancelled on 1 Dec 2026" in page
    assert "project taken up again on 4 Dec 2026" in page
    spanish = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "el proyecto se canceló el 1 dic 2026" in spanish
    assert "el proyecto se retomó el 4 dic 2026" in spanish


def test_a_cancellation_alone_is_said_once_by_the_standing() -> None:
    project = _promised()
    update_project(project, {"status": "cancelled"}, now=NOW)
    [event] = _current(project).events.all()
    assert event.kind == "cancelled"
    page = browser_for(project.organisation)[0].get(f"/projects/{project.pk}/").content.decode()
    assert "the project was cancelled before delivery" in page
    assert "promise-events" not in page


def test_the_organisations_ledger_lists_the_cancellation_and_the_reopening() -> None:
    project = _promised()
    other = make_project(project.organisation, name="Intranet", start_on=date(2026, 10, 1))
    record_promise(other, date(2026, 12, 22), made_at=datetime(2026, 10, 2, tzinfo=UTC))
    update_project(project, {"status": "cancelled"}, now=NOW)
    update_project(project, {"status": "active"}, now=NOW + timedelta(days=3))
    browser, _ = browser_for(project.organisation)
    period = "?period=custom&from=2026-10-01&to=2026-12-31"

    page = browser.get(f"/ledger/{period}").content.decode()
    rows = page.split('<section aria-labelledby="h-promises">')[1].split("</table>")[0]
    intranet, portal = rows.split("<tbody>")[1].split("<tr>")[1:3]  # newest first
    assert ">Portal<" in portal
    assert ">Intranet<" in intranet
    assert "project cancelled on 1 Dec 2026" in portal
    assert "project taken up again on 4 Dec 2026" in portal
    assert "promise-events" not in intranet  # nothing happened to it
    spanish = browser.get(f"/ledger/{period}", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "el proyecto se retomó el 4 dic 2026" in spanish


def test_a_cancellation_alone_is_said_once_on_the_organisations_ledger_too() -> None:
    project = _promised()
    update_project(project, {"status": "cancelled"}, now=NOW)
    page = (
        browser_for(project.organisation)[0]
        .get("/ledger/?period=custom&from=2026-10-01&to=2026-12-31")
        .content.decode()
    )
    assert "the project was cancelled before delivery" in page
    assert "promise-events" not in page
