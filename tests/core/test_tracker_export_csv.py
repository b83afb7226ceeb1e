"""A tracker's CSV export read for plazo: Jira's dates, its seconds, its column names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plazo.core.tracker.dates import export_day
from plazo.core.tracker.export_csv import Mapping, guess, guess_unit, header_of, remap, suggest

JIRA = (Path(__file__).parent.parent / "data" / "import" / "jira-export.csv").read_text("utf-8")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("24/Nov/26 4:10 PM", date(2026, 11, 24)),  # Jira's default complete date/time format
        ("24/Nov/26 4:10 AM", date(2026, 11, 24)),
        ("03/Dec/26 12:30 AM", date(2026, 12, 3)),
        ("24/Nov/26", date(2026, 11, 24)),  # Jira's date format (a due date)
        ("24/Nov/2026 16:10", date(2026, 11, 24)),
        ("24/nov/26 4:10 pm", date(2026, 11, 24)),
        ("24-Nov-2026", date(2026, 11, 24)),
        ("5/Sept/26 9:00 a. m.", date(2026, 9, 5)),
        ("24/dic/26 16:10", date(2026, 12, 24)),  # a Jira in Spanish
        ("2/Ene/27", date(2027, 1, 2)),
        ("2026-11-24", date(2026, 11, 24)),
        ("2026-11-24 16:10", date(2026, 11, 24)),
        ("2026-11-24T23:30:00.000-0600", date(2026, 11, 24)),  # the day as written
        ("  24/Nov/26 4:10 PM ", date(2026, 11, 24)),
        ("1/Jan/99", date(1999, 1, 1)),
    ],
)
def test_a_day_is_read_in_the_export_formats(text: str, day: date) -> None:
    assert export_day(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "11/24/2026",  # numbers only: March or April for 03/04 depends on who exported it
        "24/11/26",
        "31/Nov/26",
        "24/Foo/26",
        "24/Novem/26",
        "24/Nov/26 13:10 PM",
        "24/Nov/26 4:75 PM",
        "24 November",
        "tomorrow",
        "",
    ],
)
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a date in an export format"):
        export_day(text)


def test_the_columns_of_a_jira_export_are_guessed_and_its_times_are_seconds() -> None:
    columns = guess(header_of(JIRA))
    assert columns == {
        "title": "Summary",
        "project": "Project name",
        "estimate_hours": "Original Estimate",
        "completed_on": "Resolved",
        "status": "Status Category",
        "external_id": "Issue key",
        "actual_hours": "Time Spent",
        "added_on": "Created",
    }
    assert guess_unit(columns) == "seconds"
    assert guess_unit({"estimate_hours": "Estimated time"}) == "hours"
    assert guess_unit({"actual_hours": "Σ Time Spent"}) == "seconds"


def test_jiras_project_column_is_guessed_only_when_it_names_a_plazo_project() -> None:
    assert "project" not in suggest(JIRA, ["Tienda online de vinos"], "Tienda").columns
    kept = suggest(JIRA, ["Lone Star Kitchen", "Other"])
    assert kept.columns["project"] == "Project name"
    assert kept.estimate_unit == "seconds"


def test_a_jira_export_becomes_items_in_hours_on_the_lines_of_the_file() -> None:
    mapping = suggest(JIRA, [], "Lone Star app")
    lines = remap(JIRA, mapping).split("\n")
    assert lines[0] == (
        "title,estimate_hours,completed_on,status,external_id,actual_hours,added_on,project"
    )
    assert lines[1] == (
        "Menu data model,16.00,2026-11-24,done,LSK-1,18.00,2026-11-16,Lone Star app"
    )
    # LSK-2's description spans two lines and LSK-4's three: every record stays on the line it
    # starts on in the file, so the import's "line N" is the file's.
    assert lines[2].startswith("Design system & brand tokens,12.00,")
    assert lines[3] == ""
    assert lines[4].startswith("Auth: customer sign-up / login,16.00,2026-12-03,done,")
    assert lines[5].startswith("Menu browsing screens,24.00,,doing,LSK-4,18.00,")
    assert lines[6:8] == ["", ""]
    assert lines[8].startswith("Order checkout & payment,32.00,,todo,LSK-5,,")
    assert lines[9] == "Launch checklist,,,todo,LSK-6,,2026-11-30,Lone Star app"


def test_a_date_in_no_export_format_is_left_for_the_import_to_name() -> None:
    text = "Summary,Resolved\nA,11/24/2026\nB,24/Nov/26 4:10 AM\n"
    mapping = Mapping(columns=guess(header_of(text)), project="P")
    assert remap(text, mapping).splitlines()[1:] == ["A,11/24/2026,P,done", "B,2026-11-24,P,done"]


def test_seconds_become_hours_rounded_to_cents() -> None:
    text = "Summary,Original Estimate\nA,5400\nB,60\nC,\n"
    mapping = Mapping(columns=guess(header_of(text)), project="P", estimate_unit="seconds")
    assert remap(text, mapping).splitlines()[1:] == ["A,1.50,P", "B,0.02,P", "C,,P"]
