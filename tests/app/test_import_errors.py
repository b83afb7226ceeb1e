"""A bad file is refused whole: every problem by line and column, and nothing written."""

from __future__ import annotations

import pytest

from plazo.store.models import Client, Project, WorkItem
from plazo.store.services.importing import ImportRejected, Problem, import_text
from tests.app.factories import NOW, make_org, make_project

pytestmark = pytest.mark.django_db


def _rejected(org: object, kind: str, text: str, file_format: str = "csv") -> list[Problem]:
    with pytest.raises(ImportRejected) as rejected:
        import_text(org, kind, text, file_format, source="f", now=NOW)  # type: ignore[arg-type]
    return rejected.value.problems


def test_every_bad_value_is_listed_by_line_and_column_and_nothing_is_written() -> None:
    org = make_org()
    make_project(org, name="Web")
    text = (
        "project,title,estimate_hours,status,completed_on\n"
        "Web,Good row,8,todo,\n"
        "Web,,abc,todo,\n"
        "Web,Done without a date,3,done,\n"
        "Nowhere,Orphan,-1,finished,2026-13-01\n"
    )
    problems = _rejected(org, "items", text)
    assert [(p.line, p.column) for p in problems] == [
        (3, 2),
        (3, 3),
        (4, 5),
        (5, 1),
        (5, 3),
        (5, 4),
        (5, 5),
    ]
    messages = {(p.line, p.column): p.message for p in problems}
    assert messages[(3, 2)] == "title: is required"
    assert "number" in messages[(3, 3)]
    assert "status is done" in messages[(4, 5)]
    assert "no project named 'Nowhere'" in messages[(5, 1)]
    assert not WorkItem.objects.exists()


def test_problems_format_as_file_line_column() -> None:
    assert (
        Problem(3, 2, "title: is required").format("items.csv")
        == "items.csv:3:2: title: is required"
    )


def test_unknown_and_missing_columns_are_problems_of_the_header() -> None:
    problems = _rejected(make_org(), "clients", "nombre,colour\nAcme,red\n")
    assert [p.format("c.csv") for p in problems] == [
        "c.csv:1:1: missing required column 'name'",
        "c.csv:1:1: unknown column 'nombre'; expected some of: contact_email, contact_external_id, "
        "contact_name, country, external_id, language, name, notes, register, tier, time_zone",
        "c.csv:1:2: unknown column 'colour'; expected some of: contact_email, contact_external_id, "
        "contact_name, country, external_id, language, name, notes, register, tier, time_zone",
    ]


def test_json_problems_point_at_the_key() -> None:
    org = make_org()
    text = '[\n  {"name": "Acme"},\n  {"name": "Bodega",\n   "time_zone": "Mars/Olympus"}\n]\n'
    problems = _rejected(org, "clients", text, "json")
    assert [(p.line, p.column) for p in problems] == [(4, 4)]
    assert "time zone" in problems[0].message
    assert not Client.objects.exists()


def test_broken_json_is_one_problem_where_it_breaks() -> None:
    problems = _rejected(make_org(), "clients", '[{"name": "Acme"},\n {"name": }]', "json")
    assert [(p.line, p.column) for p in problems] == [(2, 11)]


def test_a_bad_project_row_leaves_every_good_row_unwritten() -> None:
    org = make_org()
    text = "client,name,start_on,promised_on\nMissing client,A,2026-11-02,2026-12-01\n"
    problems = _rejected(org, "projects", text)
    assert problems[0].line == 2
    assert not Project.objects.exists()


def test_a_new_project_needs_a_start_date() -> None:
    org = make_org()
    Client.objects.create(organisation=org, name="Acme")
    problems = _rejected(org, "projects", "client,name\nAcme,Web\n")
    assert [p.format("p.csv") for p in problems] == [
        "p.csv:2:1: start_on: is required for a new project"
    ]
