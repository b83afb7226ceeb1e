"""The quick add reads estimates in days and minutes too, and names the lines it cannot read;
an item's title can be changed afterwards; a row's error is shown at that row."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from plazo.store.models import WorkItem
from plazo.web.forms.items import QuickAddError, parse_quick_add
from tests.app.factories import make_item, make_org, make_project
from tests.app.web.helpers import browser_for


@pytest.mark.parametrize(
    ("line", "hours"),
    [
        ("Content migration, 2 days", "16"),
        ("Content migration, 2d", "16"),
        ("Content migration, 1 day", "8"),
        ("Migración, 1,5 días", "12"),
        ("Migración; 2 dias", "16"),
        ("Review, 3 h", "3"),
        ("Review, 3 hrs", "3"),
        ("Review, 90 min", "1.5"),
        ("Revisión, 45 minutos", "0.75"),
    ],
)
def test_days_and_minutes_become_hours(line: str, hours: str) -> None:
    [(title, estimate)] = parse_quick_add(line)
    assert title == line.split(",")[0].split(";")[0]
    assert estimate == Decimal(hours)


def test_every_unreadable_estimate_is_named_and_nothing_is_guessed() -> None:
    with pytest.raises(QuickAddError) as raised:
        parse_quick_add("Design, 6h\nContent migration, 2 weeks\nSetup, 3-4h\nFix bug, part 2")
    assert raised.value.problems == [
        "line 2: “2 weeks” is not an estimate plazo can read; write hours, days or minutes, "
        "such as 6h, 2 days or 90 min",
        "line 3: “3-4h” is not an estimate plazo can read; write hours, days or minutes, "
        "such as 6h, 2 days or 90 min",
    ]


@pytest.mark.django_db
def test_the_page_adds_a_days_estimate_and_refuses_an_unreadable_one_without_adding() -> None:
    org = make_org()
    project = make_project(org)
    browser, _ = browser_for(org)
    url = f"/projects/{project.pk}/items/"

    browser.post(url, {"lines": "Content migration, 2 days"})
    refused = browser.post(url, {"lines": "Design, 6h\nTraining, 2 weeks"})

    item = WorkItem.objects.get(project=project)
    assert (item.title, item.estimate_hours) == ("Content migration", Decimal("16"))
    assert refused.status_code == 422
    assert "line 2: “2 weeks” is not an estimate plazo can read" in refused.content.decode()
    assert "days of 8 hours" in browser.get(url).content.decode()


@pytest.mark.django_db
def test_a_title_is_changed_with_the_inline_edit_and_a_blank_one_changes_nothing() -> None:
    org = make_org()
    project = make_project(org)
    item = make_item(project, title="Content migration, 2 days", estimate_hours=None)
    browser, _ = browser_for(org)

    page = browser.get(f"/projects/{project.pk}/items/").content.decode()
    assert f'id="title-{item.pk}" name="title" value="Content migration, 2 days"' in page
    browser.post(
        f"/items/{item.pk}/",
        {"title": " Content migration ", "estimate_hours": "16", "status": "todo"},
    )
    item.refresh_from_db()
    assert (item.title, item.estimate_hours) == ("Content migration", Decimal("16"))
    browser.post(f"/items/{item.pk}/", {"estimate_hours": "16", "status": "todo"})
    item.refresh_from_db()
    assert item.title == "Content migration"


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [True, False])
def test_a_rows_error_is_shown_under_that_row_not_at_the_top(htmx: bool) -> None:
    org = make_org()
    project = make_project(org)
    make_item(project, title="First")
    late = make_item(project, title="Second")
    make_item(project, title="Third")
    browser, _ = browser_for(org)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    response = browser.post(
        f"/items/{late.pk}/done/",
        {"completed_on": (timezone.localdate() + timedelta(days=3)).isoformat()},
        **headers,
    )

    page = response.content.decode()
    assert response.status_code == (200 if htmx else 422)
    error = page.index(f'id="item-{late.pk}-error"')
    assert page.index(f'id="item-{late.pk}"') < error < page.index("Third")
    assert "“Second” was not changed: Done on: A task cannot be done in the future." in page
    assert page.count("A task cannot be done in the future.") == 1  # not also at the top
    assert "data-focus-after-swap" in page[error - 200 : error + 200]
    assert f'action="/items/{late.pk}/done/#item-{late.pk}"' in page
