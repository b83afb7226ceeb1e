"""Re-importing updates by external id (or name) instead of duplicating; dry runs write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from plazo.store.models import Client, Commitment, Contact, Project, WorkItem
from plazo.store.services.importing import import_text
from plazo.store.services.importing.service import ImportReport
from tests.app.factories import NOW, make_org

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent.parent / "data" / "import"


def _import(org: object, kind: str, name: str, *, dry_run: bool = False) -> ImportReport:
    path = DATA / name
    return import_text(
        org,  # type: ignore[arg-type]
        kind,  # type: ignore[arg-type]
        path.read_text("utf-8"),
        "json" if name.endswith(".json") else "csv",
        source=name,
        now=NOW,
        dry_run=dry_run,
    )


def _load_all(org: object) -> None:
    _import(org, "clients", "clients.csv")
    _import(org, "projects", "projects.csv")
    _import(org, "items", "items.csv")


def test_the_example_files_import_into_an_empty_organisation() -> None:
    org = make_org()
    _load_all(org)
    assert Client.objects.for_organisation(org).count() == 2
    assert Contact.objects.for_organisation(org).count() == 3
    web = Project.objects.get(organisation=org, external_id="prj-1")
    assert (str(web.promised_on), web.stake, web.client.name) == (
        "2026-12-18",
        "the product launch",
        "Acme Corp",
    )
    assert Commitment.objects.filter(project=web, is_current=True).count() == 1
    assert WorkItem.objects.for_organisation(org).count() == 4
    tienda_item = WorkItem.objects.get(organisation=org, external_id="T-1")
    assert tienda_item.added_on == tienda_item.project.start_on


def test_importing_the_same_files_again_changes_nothing() -> None:
    org = make_org()
    _load_all(org)
    again = [
        _import(org, "clients", "clients.csv"),
        _import(org, "projects", "projects.csv"),
        _import(org, "items", "items.csv"),
    ]
    assert [(r.created, r.updated) for r in again] == [({}, {}), ({}, {}), ({}, {})]
    assert again[2].unchanged == {"work items": 4}
    assert WorkItem.objects.for_organisation(org).count() == 4
    assert Commitment.objects.filter(organisation=org).count() == 2


def test_a_promise_already_past_is_recorded_as_made_when_the_project_started() -> None:
    org = make_org()
    _import(org, "clients", "clients.csv")
    text = (
        "client,external_id,name,start_on,promised_on\n"
        "crm-1,old-1,Late site,2026-09-01,2026-11-20\n"  # NOW is 2026-12-01
    )
    report = import_text(org, "projects", text, "csv", source="late.csv", now=NOW)
    assert report.created == {"projects": 1, "promises": 1}
    project = Project.objects.get(organisation=org, external_id="old-1")
    promise = Commitment.objects.get(project=project, is_current=True)
    assert (str(project.promised_on), str(promise.made_at.date())) == (
        "2026-11-20",
        "2026-09-01",
    )


def test_a_changed_row_updates_the_item_with_that_external_id() -> None:
    org = make_org()
    _load_all(org)
    text = "project,external_id,title,estimate_hours\nprj-1,GH-2,Build all pages,48\n"
    report = import_text(org, "items", text, "csv", source="x.csv", now=NOW)
    assert report.updated == {"work items": 1}
    item = WorkItem.objects.get(organisation=org, external_id="GH-2")
    assert (item.title, str(item.estimate_hours), item.status) == (
        "Build all pages",
        "48.00",
        "doing",
    )


def test_a_new_promised_date_goes_through_the_ledger() -> None:
    org = make_org()
    _load_all(org)
    text = "client,name,external_id,promised_on\ncrm-1,Acme website,prj-1,2027-01-08\n"
    import_text(org, "projects", text, "csv", source="slip.csv", now=NOW)
    ledger = Commitment.objects.filter(project__external_id="prj-1").order_by("made_at", "pk")
    assert [(str(c.promised_on), c.is_current) for c in ledger] == [
        ("2026-12-18", False),
        ("2027-01-08", True),
    ]
    assert ledger[1].reason == "Imported from slip.csv."


def test_clients_match_by_name_when_they_have_no_external_id() -> None:
    org = make_org()
    Client.objects.create(organisation=org, name="Acme Corp", tier="standard")
    _import(org, "clients", "clients.csv")
    acme = Client.objects.get(organisation=org, name="Acme Corp")
    assert (acme.external_id, acme.tier) == ("crm-1", "gold")
    assert Client.objects.for_organisation(org).count() == 2


def test_a_dry_run_reports_and_writes_nothing() -> None:
    org = make_org()
    report = _import(org, "clients", "clients.csv", dry_run=True)
    assert report.dry_run
    assert report.created == {"clients": 2, "contacts": 3}
    assert not Client.objects.exists()
    assert not Contact.objects.exists()


def test_json_imports_like_csv() -> None:
    org = make_org()
    _load_all(org)
    report = _import(org, "items", "items.json")
    assert report.created == {"work items": 2}
    checkout = WorkItem.objects.get(organisation=org, external_id="T-2")
    assert (str(checkout.estimate_hours), checkout.status) == ("20.50", "doing")


def test_another_organisation_is_untouched() -> None:
    mine, theirs = make_org(), make_org()
    _load_all(theirs)
    _load_all(mine)
    assert WorkItem.objects.for_organisation(theirs).count() == 4
    assert WorkItem.objects.for_organisation(mine).count() == 4


def test_a_file_import_reforecasts_each_project_it_changed_once_after_commit(
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    # outsider3 S2: ``plazo import items.csv --kind items`` queued no re-forecast, so the
    # imported project showed "no forecast yet" and its danger went unseen.
    org = make_org()
    _import(org, "clients", "clients.csv")
    calls: list[int] = []

    def imported(kind: str, name: str, *, dry_run: bool = False) -> None:
        path = DATA / name
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            import_text(
                org,
                kind,  # type: ignore[arg-type]
                path.read_text("utf-8"),
                "csv",
                source=name,
                now=NOW,
                dry_run=dry_run,
                reforecast=calls.append,
            )

    imported("projects", "projects.csv")
    projects = sorted(Project.objects.for_organisation(org).values_list("pk", flat=True))
    assert calls == projects  # each got its promise
    calls.clear()
    imported("items", "items.csv", dry_run=True)
    assert calls == []
    imported("items", "items.csv")
    with_items = WorkItem.objects.for_organisation(org).values_list("project_id", flat=True)
    assert calls == sorted(set(with_items))
    calls.clear()
    imported("items", "items.csv")  # unchanged: nothing to re-forecast
    imported("clients", "clients.csv")
    assert calls == []


def test_by_default_the_worker_schedules_the_re_forecasts(
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    # Any caller (the CLI, the web's import page, a script) gets them without asking.
    org = make_org()
    _import(org, "clients", "clients.csv")
    _import(org, "projects", "projects.csv")
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _import(org, "items", "items.csv")
    waiting = DBTaskResult.objects.filter(
        status="READY", task_path__endswith="reforecast_project_task"
    )
    with_items = set(WorkItem.objects.for_organisation(org).values_list("project_id", flat=True))
    assert sorted(t.args_kwargs["kwargs"]["project_id"] for t in waiting) == sorted(with_items)
