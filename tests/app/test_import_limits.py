"""Imports refuse, as FILE:LINE:COL problems, whatever the API refuses; no input is a traceback."""

from __future__ import annotations

import pytest

from plazo.store.models import Client, Project, WorkItem
from plazo.store.services.importing import ImportRejected, Problem, import_text
from tests.app.factories import NOW, make_client, make_org, make_project, make_user

pytestmark = pytest.mark.django_db


def _rejected(kind: str, text: str, file_format: str = "csv") -> list[str]:
    org = make_org(country="ES")
    make_project(org, name="Web")
    with pytest.raises(ImportRejected) as rejected:
        import_text(org, kind, text, file_format, source="f", now=NOW)  # type: ignore[arg-type]
    return [problem.format("f") for problem in rejected.value.problems]


@pytest.mark.parametrize("hours", ["1e30", "1e308", "-1e308", "10000.01", "999999.99"])
def test_an_absurd_estimate_is_a_problem_not_a_traceback(hours: str) -> None:
    problems = _rejected("items", f"project,title,estimate_hours\nWeb,Task,{hours}\n")
    assert len(problems) == 1
    assert problems[0].startswith("f:2:3: estimate_hours: ")
    assert not WorkItem.objects.filter(title="Task").exists()


def test_an_absurd_estimate_in_json_is_a_problem_too() -> None:
    text = '[{"project": "Web", "title": "Task", "estimate_hours": 1e308}]'
    problems = _rejected("items", text, "json")
    assert problems[0].startswith("f:1:38: estimate_hours: ")


def test_deeply_nested_json_is_a_problem_not_a_traceback() -> None:
    text = "[" * 100_000 + "]" * 100_000
    problems = _rejected("items", text, "json")
    assert problems == ["f:1:1: not valid JSON: it is nested too deeply"]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31"])
def test_absurd_dates_are_problems(day: str) -> None:
    problems = _rejected("items", f"project,title,added_on\nWeb,Task,{day}\n")
    assert problems == ["f:2:3: added_on: must be from 2000-01-01 to 2100-12-31"]


def test_completion_before_the_item_was_added_is_a_problem() -> None:
    text = "project,title,status,added_on,completed_on\nWeb,Task,done,2026-11-10,2026-11-02\n"
    problems = _rejected("items", text)
    assert problems == ["f:2:5: completed_on: must not be before added_on (2026-11-10)"]


@pytest.mark.parametrize("zone", ["Factory", "localtime", "EST5EDT"])
def test_legacy_time_zones_are_problems(zone: str) -> None:
    problems = _rejected("clients", f"name,time_zone\nAcme,{zone}\n")
    assert len(problems) == 1
    assert problems[0].startswith("f:2:2: time_zone: must be UTC or a time zone such as")
    assert not Client.objects.filter(name="Acme").exists()


@pytest.mark.parametrize(
    ("columns", "values", "where"),
    [
        ("country", "ZZ", "f:2:4: country: "),
        ("country,subdivision", "ES,QQ", "f:2:5: subdivision: "),
    ],
)
def test_a_holiday_calendar_that_does_not_exist_is_a_problem(
    columns: str, values: str, where: str
) -> None:
    text = f"client,name,start_on,{columns}\nAcme,Shop,2026-11-02,{values}\n"
    problems = [p for p in _rejected("projects", text) if "client" not in p]
    assert len(problems) == 1
    assert problems[0].startswith(where)
    assert not Project.objects.filter(name="Shop").exists()


def test_a_promise_before_the_start_is_a_problem() -> None:
    text = "client,name,start_on,promised_on\nAcme,Shop,2026-11-02,2026-10-01\n"
    problems = [p for p in _rejected("projects", text) if "client" not in p]
    assert problems == ["f:2:4: promised_on: must not be before start_on (2026-11-02)"]


def test_an_absurd_capacity_is_a_problem() -> None:
    text = "client,name,start_on,capacity_hours_per_week\nAcme,Shop,2026-11-02,0.01\n"
    problems = [p for p in _rejected("projects", text) if "client" not in p]
    assert len(problems) == 1
    assert problems[0].startswith("f:2:4: capacity_hours_per_week: ")


def test_problem_positions_format_as_file_line_column() -> None:
    assert Problem(2, 3, "x").format("f") == "f:2:3: x"


def test_an_imported_project_is_owned_by_the_organisations_owner() -> None:
    org = make_org()
    owner = make_user(org, email="olga@estudio.example")
    make_client(org, name="Acme")
    text = "client,name,start_on\nAcme,Shop,2026-11-02\n"
    import_text(org, "projects", text, "csv", source="f", now=NOW)
    assert Project.objects.get(name="Shop").owner == owner
