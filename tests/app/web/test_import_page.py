"""Settings › Import tasks: an owner uploads a tracker's CSV export, maps its columns, previews
and imports it through the service ``plazo import --kind items`` uses."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.utils import translation

from plazo.core.tracker.export_csv import Mapping, guess, header_of, remap
from plazo.store.models import Membership, WorkItem
from tests.app.factories import make_org, make_project, make_user
from tests.app.web.helpers import browser_for

URL = "/settings/import/"
ASANA = (
    "Task ID,Created At,Completed At,Name,Section/Column,Assignee,Estimated time\n"
    "1209,2026-11-16,,Catálogo de productos,To do,Tom,12\n"
    "1210,2026-11-16,2026-11-27,Diseño de la tienda,Done,Aisha,10\n"
    "1211,2026-11-16,,Pasarela de pago (Stripe),To do,Tom,1.5\n"
)


def test_the_columns_of_an_asana_export_are_guessed() -> None:
    assert guess(header_of(ASANA)) == {
        "title": "Name",
        "estimate_hours": "Estimated time",
        "completed_on": "Completed At",
        "external_id": "Task ID",
        "added_on": "Created At",
    }


def test_remap_gives_plazos_columns_one_project_days_in_hours_and_done_rows() -> None:
    mapping = Mapping(
        columns={
            "title": "Name",
            "estimate_hours": "Estimated time",
            "completed_on": "Completed At",
        },
        project="Tienda en línea",
        estimate_unit="days",
    )
    assert remap(ASANA, mapping).splitlines() == [
        "title,estimate_hours,completed_on,project,status",
        "Catálogo de productos,96.00,,Tienda en línea,",
        "Diseño de la tienda,80.00,2026-11-27,Tienda en línea,done",
        "Pasarela de pago (Stripe),12.00,,Tienda en línea,",
    ]


def _mapping(**extra: str) -> dict[str, str]:
    return {
        "csv_text": ASANA,
        "map_title": "Name",
        "map_estimate_hours": "Estimated time",
        "map_completed_on": "Completed At",
        "map_external_id": "Task ID",
        "estimate_unit": "hours",
        **extra,
    }


@pytest.mark.django_db
def test_an_owner_uploads_maps_previews_and_imports_into_one_project() -> None:
    org = make_org()
    project = make_project(org, name="Tienda en línea")
    browser, _ = browser_for(org)
    assert f'href="{URL}"' in browser.get("/settings/").content.decode()

    read = browser.post(
        URL, {"step": "upload", "file": SimpleUploadedFile("asana.csv", ASANA.encode())}
    )
    page = read.content.decode()
    assert read.status_code == 200
    assert "<code>Section/Column</code>" in page
    assert '<option value="Name" selected>' in page

    missing = browser.post(URL, {**_mapping(), "step": "preview"})
    assert missing.status_code == 422
    assert "Choose a project for every row" in missing.content.decode()

    preview = browser.post(URL, {**_mapping(project_for_all=project.name), "step": "preview"})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "3. Preview: 3 tasks to add, 0 to update, 0 unchanged" in page
    assert "Diseño de la tienda" in page
    assert not WorkItem.objects.exists()  # a preview writes nothing

    done = browser.post(URL, {**_mapping(project_for_all=project.name), "step": "import"})
    assert done.status_code == 303
    items = {i.title: i for i in WorkItem.objects.filter(project=project)}
    assert set(items) == {
        "Catálogo de productos",
        "Diseño de la tienda",
        "Pasarela de pago (Stripe)",
    }
    assert items["Diseño de la tienda"].status == "done"
    assert items["Pasarela de pago (Stripe)"].estimate_hours == Decimal("1.5")
    assert items["Catálogo de productos"].external_id == "1209"

    again = browser.post(URL, {**_mapping(project_for_all=project.name), "step": "preview"})
    assert "0 tasks to add, 0 to update, 3 unchanged" in again.content.decode()


@pytest.mark.django_db
def test_problems_are_listed_by_line_and_nothing_is_written() -> None:
    org = make_org()
    project = make_project(org, name="Tienda")
    browser, _ = browser_for(org)
    bad = ASANA.replace(",1.5\n", ",lots\n")

    response = browser.post(
        URL, {**_mapping(project_for_all=project.name), "csv_text": bad, "step": "import"}
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert "1 problem: nothing would be imported" in page
    assert "Line 4:" in page
    assert "Estimate (column “Estimated time”): must be a number" in page
    assert "estimate_hours:" not in page
    assert not WorkItem.objects.exists()


@pytest.mark.django_db
def test_a_member_cannot_import() -> None:
    org = make_org()
    make_project(org, name="Tienda")
    user = make_user()
    Membership.objects.create(organisation=org, user=user, role="member")
    member = HttpClient()
    member.force_login(user)

    assert member.get(URL).status_code == 403
    refused = member.post(URL, {**_mapping(project_for_all="Tienda"), "step": "import"})
    assert refused.status_code == 403
    assert not WorkItem.objects.exists()


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_refused_in_words() -> None:
    browser, _ = browser_for(make_org())
    response = browser.post(
        URL,
        {"step": "upload", "file": SimpleUploadedFile("a.csv", "Name\nDiseño\n".encode("latin-1"))},
    )
    assert response.status_code == 422
    assert "not UTF-8 text" in response.content.decode()


@pytest.mark.django_db
def test_a_rule_across_columns_is_said_in_the_pages_language() -> None:
    org = make_org()
    project = make_project(org, name="Tienda")
    browser, _ = browser_for(org)
    # Done on 2026-11-10, created on 2026-11-16: the domain's limit, not the reader's column.
    bad = ASANA.replace("1210,2026-11-16,2026-11-27", "1210,2026-11-16,2026-11-10")
    form = {**_mapping(project_for_all=project.name), "map_added_on": "Created At"}

    with translation.override("es"):
        response = browser.post(
            URL, {**form, "csv_text": bad, "step": "preview"}, headers={"accept-language": "es"}
        )

    page = response.content.decode()
    assert response.status_code == 422
    # the other column by the label the page shows it under, never its raw name (fixrest6)
    assert "no puede ser anterior a En el plan desde (2026-11-16)" in page
    assert "anterior a added_on" not in page
    assert "must not be before" not in page
    assert not WorkItem.objects.exists()
