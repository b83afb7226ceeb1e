"""A History CSV becomes done items of delivered projects, once however often it is imported."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from plazo.store.models import Client, Project, WorkItem
from plazo.store.services.importing import DEFAULT_HISTORY_CLIENT, ImportRejected, import_text
from tests.app.factories import NOW, make_org, make_project

pytestmark = pytest.mark.django_db

HISTORY = (Path(__file__).parent.parent / "data" / "import" / "history.csv").read_text("utf-8")


def test_history_creates_delivered_projects_of_done_items() -> None:
    org = make_org()
    report = import_text(org, "history", HISTORY, "csv", source="h.csv", now=NOW)
    assert report.created == {"clients": 1, "projects": 2, "work items": 4}
    old_site = Project.objects.get(organisation=org, name="Old site")
    assert (old_site.status, old_site.start_on, old_site.delivered_on) == (
        "delivered",
        date(2025, 3, 1),
        date(2025, 3, 20),
    )
    assert old_site.client.name == DEFAULT_HISTORY_CLIENT
    templates = WorkItem.objects.get(project=old_site, title="Templates")
    assert (templates.status, templates.estimate_hours, templates.actual_hours) == (
        "done",
        Decimal("16"),
        Decimal("22.5"),
    )
    assert templates.completed_on == date(2025, 3, 14)


def test_history_import_is_idempotent() -> None:
    org = make_org()
    import_text(org, "history", HISTORY, "csv", source="h.csv", now=NOW)
    again = import_text(org, "history", HISTORY, "csv", source="h.csv", now=NOW)
    assert again.created == {}
    assert again.unchanged == {"work items": 4}
    assert WorkItem.objects.for_organisation(org).count() == 4


def test_history_attaches_to_the_named_client_and_to_existing_projects() -> None:
    org = make_org()
    existing = make_project(org, name="Brochure")
    import_text(org, "history", HISTORY, "csv", source="h.csv", now=NOW, history_client="Archivo")
    assert Client.objects.filter(organisation=org, name="Archivo").exists()
    assert WorkItem.objects.filter(project=existing, status="done").count() == 1
    assert Project.objects.get(organisation=org, name="Old site").client.name == "Archivo"


def test_history_needs_positive_estimates_and_iso_dates() -> None:
    org = make_org()
    text = "project,task,estimate,actual,completed_on\nP,T,0,1,2025-01-01\nP,U,1,-1,01/02/2025\n"
    with pytest.raises(ImportRejected) as rejected:
        import_text(org, "history", text, "csv", source="h.csv", now=NOW)
    assert [(p.line, p.column) for p in rejected.value.problems] == [(2, 3), (3, 4), (3, 5)]
    assert not Project.objects.exists()
