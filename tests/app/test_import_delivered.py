"""A delivered row settles its promise in the ledger, as the GitHub and Jira imports do."""

from __future__ import annotations

import pytest

from plazo.store.models import Client, Commitment, Project
from plazo.store.services.importing import ImportRejected, import_text
from plazo.store.services.importing.service import ImportReport
from tests.app.factories import NOW, make_org

pytestmark = pytest.mark.django_db

HEADER = "client,external_id,name,start_on,promised_on,status,delivered_on\n"


def _import(org: object, rows: str) -> ImportReport:
    return import_text(org, "projects", HEADER + rows, "csv", source="p.csv", now=NOW)  # type: ignore[arg-type]


def _org() -> object:
    org = make_org()
    Client.objects.create(organisation=org, name="Acme", time_zone="Europe/Madrid")
    return org


def _ledger(external_id: str) -> list[tuple[str, str, str | None, bool]]:
    return [
        (str(c.promised_on), c.outcome, str(c.resolved_on) if c.resolved_on else None, c.is_current)
        for c in Commitment.objects.filter(project__external_id=external_id).order_by("pk")
    ]


def test_a_delivered_row_settles_its_promise_kept_or_broken() -> None:
    org = _org()  # NOW is 2026-12-01
    report = _import(
        org,
        "Acme,early,Early site,2026-09-01,2026-11-20,delivered,2026-11-18\n"
        "Acme,late,Late site,2026-09-01,2026-11-20,delivered,2026-11-25\n",
    )
    assert report.created == {"projects": 2, "promises": 2, "deliveries": 2}
    early = Project.objects.get(external_id="early")
    assert (early.status, str(early.delivered_on)) == ("delivered", "2026-11-18")
    assert _ledger("early") == [("2026-11-20", "kept", "2026-11-18", True)]
    assert _ledger("late") == [("2026-11-20", "broken", "2026-11-25", True)]


def test_a_delivered_on_delivers_an_existing_project_through_the_ledger() -> None:
    org = _org()
    _import(org, "Acme,web,Web,2026-09-01,2026-11-20,,\n")
    assert _ledger("web") == [("2026-11-20", "pending", None, True)]
    report = _import(org, "Acme,web,Web,,,,2026-11-19\n")
    assert (report.created, report.updated) == ({"deliveries": 1}, {"projects": 1})
    assert Project.objects.get(external_id="web").status == "delivered"
    assert _ledger("web") == [("2026-11-20", "kept", "2026-11-19", True)]


def test_importing_a_delivered_row_again_changes_nothing() -> None:
    org = _org()
    row = "Acme,web,Web,2026-09-01,2026-11-20,delivered,2026-11-18\n"
    _import(org, row)
    again = _import(org, row)
    assert (again.created, again.updated) == ({}, {})
    assert _ledger("web") == [("2026-11-20", "kept", "2026-11-18", True)]


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        (
            "Acme,web,Web,2026-09-01,2026-11-20,delivered,\n",
            "p:2:7: delivered_on: is required when status is delivered",
        ),
        (
            "Acme,web,Web,2026-09-01,2026-12-20,delivered,2026-12-02\n",
            "p:2:7: delivered_on: 2026-12-02 has not come yet for the client (today is 2026-12-01)",
        ),
        (
            "Acme,web,Web,2026-09-01,2026-11-20,delivered,2026-08-31\n",
            "p:2:7: delivered_on: is before start_on (2026-09-01)",
        ),
        (
            "Acme,web,Web,2026-09-01,2026-11-20,active,2026-11-18\n",
            "p:2:6: status: a delivered_on delivers the project: "
            "write status 'delivered' or leave it blank, not 'active'",
        ),
    ],
)
def test_a_delivery_the_ledger_would_refuse_is_a_problem_and_nothing_is_written(
    rows: str, problem: str
) -> None:
    org = _org()
    with pytest.raises(ImportRejected) as rejected:
        _import(org, rows)
    assert [p.format("p") for p in rejected.value.problems] == [problem]
    assert not Project.objects.filter(external_id="web").exists()


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (
            "Acme,web,Web,,,active,\n",
            "p:2:6: status: Web was delivered on 2026-11-18 and its promise settled in the ledger; "
            "a delivered project stays delivered",
        ),
        (
            "Acme,web,Web,,,,2026-11-19\n",
            "p:2:7: delivered_on: Web was delivered on 2026-11-18; a delivery is recorded once",
        ),
    ],
)
def test_a_delivered_project_keeps_its_delivery(row: str, problem: str) -> None:
    org = _org()
    _import(org, "Acme,web,Web,2026-09-01,2026-11-20,delivered,2026-11-18\n")
    with pytest.raises(ImportRejected) as rejected:
        _import(org, row)
    assert [p.format("p") for p in rejected.value.problems] == [problem]
    assert _ledger("web") == [("2026-11-20", "kept", "2026-11-18", True)]
