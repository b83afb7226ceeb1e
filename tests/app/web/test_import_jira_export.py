"""Settings › Import tasks with a stock Jira CSV export: Jira's dates and seconds are read, the
problems name the page's columns, and ``plazo import --tracker-export`` reads the same file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from plazo.cli import main
from plazo.store.models import WorkItem
from tests.app.factories import make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db

URL = "/settings/import/"
JIRA_FILE = Path(__file__).parent.parent.parent / "data" / "import" / "jira-export.csv"
JIRA = JIRA_FILE.read_text("utf-8")
GUESSED = {
    "map_title": "Summary",
    "map_estimate_hours": "Original Estimate",
    "map_completed_on": "Resolved",
    "map_status": "Status Category",
    "map_external_id": "Issue key",
    "map_actual_hours": "Time Spent",
    "map_added_on": "Created",
}


def _form(text: str, project: str, **extra: str) -> dict[str, str]:
    return {
        "csv_text": text,
        **GUESSED,
        "project_for_all": project,
        "estimate_unit": "seconds",
        **extra,
    }


def _assert_imported(project_name: str) -> None:
    items = {i.external_id: i for i in WorkItem.objects.filter(project__name=project_name)}
    assert sorted(items) == ["LSK-1", "LSK-2", "LSK-3", "LSK-4", "LSK-5", "LSK-6"]
    first = items["LSK-1"]
    assert first.title == "Menu data model"
    assert (first.status, first.completed_on) == ("done", date(2026, 11, 24))
    assert (first.estimate_hours, first.actual_hours) == (Decimal("16.00"), Decimal("18.00"))
    assert first.added_on == date(2026, 11, 16)
    assert items["LSK-3"].completed_on == date(2026, 12, 3)  # "03/Dec/26 12:30 AM"
    assert (items["LSK-4"].status, items["LSK-4"].estimate_hours) == ("doing", Decimal("24.00"))
    assert (items["LSK-6"].status, items["LSK-6"].estimate_hours) == ("todo", None)


def test_a_stock_jira_export_is_uploaded_previewed_and_imported() -> None:
    org = make_org()
    project = make_project(org, name="Lone Star app", start_on=date(2026, 11, 16))
    browser, _ = browser_for(org)

    read = browser.post(
        URL, {"step": "upload", "file": SimpleUploadedFile("jira.csv", JIRA.encode())}
    )
    page = read.content.decode()
    assert read.status_code == 200
    for field, column in GUESSED.items():
        assert f'<option value="{column}" selected>' in page, field
    # Jira's time tracking is in seconds; its "Project name" is no plazo project.
    assert '<option value="seconds" selected>' in page
    assert '<option value="Project name" selected>' not in page

    preview = browser.post(URL, {**_form(JIRA, project.name), "step": "preview"})
    page = preview.content.decode()
    assert preview.status_code == 200, page
    assert "3. Preview: 6 tasks to add, 0 to update, 0 unchanged" in page
    assert not WorkItem.objects.exists()

    done = browser.post(URL, {**_form(JIRA, project.name), "step": "import"})
    assert done.status_code == 303
    _assert_imported("Lone Star app")


def test_problems_name_the_pages_columns_and_the_files_in_both_languages() -> None:
    org = make_org()
    project = make_project(org, name="Lone Star app", start_on=date(2026, 11, 16))
    browser, _ = browser_for(org)
    # LSK-3 starts on line 5 of the file (LSK-2's description spans two lines).
    bad = JIRA.replace("03/Dec/26 12:30 AM,MVP", "12/03/2026 0:30,MVP")

    response = browser.post(URL, {**_form(bad, project.name), "step": "preview"})

    page = response.content.decode()
    assert response.status_code == 422
    assert "1 problem: nothing would be imported" in page
    assert (
        "Line 5: Done on (column “Resolved”): must be a date such as 2026-11-24 or "
        "24/Nov/26 4:10 PM or 24/Nov/2026 16:10, got &#x27;12/03/2026 0:30&#x27;"
    ) in page
    assert "completed_on:" not in page

    with translation.override("es"):
        spanish = browser.post(
            URL,
            {**_form(bad, project.name), "step": "preview"},
            headers={"accept-language": "es"},
        ).content.decode()
    assert "Línea 5: Hecha el (columna “Resolved”):" in spanish


def test_the_problems_themselves_read_in_the_pages_language_and_english_at_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    org = make_org()
    project = make_project(org, name="Lone Star app", start_on=date(2026, 11, 16))
    browser, _ = browser_for(org)
    # LSK-1's estimate is no number; LSK-3's day is no date (lines 2 and 5 of the file).
    bad = JIRA.replace("03/Dec/26 12:30 AM,MVP", "12/03/2026 0:30,MVP").replace(
        ",57600,", ",lots,", 1
    )
    assert bad.count("lots") == 1

    with translation.override("es"):
        response = browser.post(
            URL,
            {**_form(bad, project.name), "step": "preview"},
            headers={"accept-language": "es"},
        )
    spanish = response.content.decode()
    assert response.status_code == 422
    assert (
        "Línea 2: Estimación (columna “Original Estimate”): debe ser un número como 12.5; "
        "se recibió &#x27;lots&#x27;"
    ) in spanish
    assert (
        "Línea 5: Hecha el (columna “Resolved”): debe ser una fecha como 2026-11-24, "
        "24/Nov/26 4:10 PM o 24/Nov/2026 16:10; se recibió &#x27;12/03/2026 0:30&#x27;"
    ) in spanish
    assert "must be" not in spanish
    assert not WorkItem.objects.exists()

    # The same file at the terminal, in a process whose last page was Spanish: English.
    path = tmp_path / "bad.csv"
    path.write_text(bad, "utf-8")
    with translation.override("es"):
        code = main(["import", str(path), "--tracker-export", "--project", "Lone Star app"])
    out, err = capsys.readouterr()
    assert code != 0
    assert "must be a date such as 2026-11-24 or 24/Nov/26 4:10 PM" in out + err
    assert "se recibió" not in out + err


def test_the_cli_imports_the_same_jira_export(capsys: pytest.CaptureFixture[str]) -> None:
    org = make_org()
    make_project(org, name="Lone Star app", start_on=date(2026, 11, 16))

    code = main(["import", str(JIRA_FILE), "--tracker-export", "--project", "Lone Star app"])

    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "estimates in seconds" in err
    assert "created: 6 work items" in out
    _assert_imported("Lone Star app")


def test_the_cli_asks_for_a_project_when_no_column_names_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    make_project(make_org(), name="Lone Star app")

    code = main(["import", str(JIRA_FILE), "--tracker-export"])

    assert code == 2
    assert "give --project NAME" in capsys.readouterr().err
    assert not WorkItem.objects.exists()
