"""A project already under way: items dated back to when they entered the plan, work done before
they were typed in recorded on its day, never before the project's start; refusals in the page's
language (finding S1)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.store.models import Project, WorkItem
from plazo.store.services.work.progress import (
    ItemDone,
    ProgressEventError,
    record_progress_event,
)
from tests.app.factories import make_client, make_item, make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db


def _under_way() -> tuple[HttpClient, Project, date]:
    """A project that started five weeks ago, with nothing typed in yet; and its today."""
    org = make_org()
    client = make_client(org, time_zone="Europe/Madrid")
    today = timezone.now().astimezone(timezone.get_current_timezone()).date()
    project = make_project(org, client, start_on=today - timedelta(days=35))
    browser, _user = browser_for(org)
    return browser, project, project.client_today(timezone.now())


def _items_page(browser: HttpClient, project: Project, language: str) -> str:
    return browser.get(
        f"/projects/{project.pk}/items/", HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()


def test_the_quick_add_dates_items_back_to_the_day_they_entered_the_plan() -> None:
    browser, project, _today = _under_way()
    response = browser.post(
        f"/projects/{project.pk}/items/",
        {"lines": "Diseño de la home, 9h\nCatálogo, 12h", "added_on": project.start_on.isoformat()},
    )
    assert response.status_code == 302
    assert [i.added_on for i in project.work_items.all()] == [project.start_on] * 2


def test_the_quick_add_is_today_when_no_day_is_given() -> None:
    browser, project, today = _under_way()
    browser.post(f"/projects/{project.pk}/items/", {"lines": "Catálogo, 12h"})
    assert project.work_items.get().added_on == today


def test_the_quick_add_offers_days_from_the_start_to_today() -> None:
    browser, project, today = _under_way()
    page = _items_page(browser, project, "en")
    assert f'min="{project.start_on.isoformat()}"' in page
    assert f'value="{today.isoformat()}"' in page
    assert "In the plan since" in page


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Not before the project&#x27;s start"),
        ("es", "No antes del inicio del proyecto"),
    ],
)
def test_items_cannot_enter_the_plan_before_the_project_started(language: str, words: str) -> None:
    browser, project, _today = _under_way()
    before = project.start_on - timedelta(days=1)
    response = browser.post(
        f"/projects/{project.pk}/items/",
        {"lines": "Catálogo, 12h", "added_on": before.isoformat()},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 422
    assert words in response.content.decode()
    assert not project.work_items.exists()


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "line 2: the estimate must be more than 0 hours"), ("es", "línea 2: la estimación")],
)
def test_a_bad_quick_add_line_is_named_in_the_page_language(language: str, words: str) -> None:
    browser, project, _today = _under_way()
    response = browser.post(
        f"/projects/{project.pk}/items/",
        {"lines": "Portada, 6h\nCatálogo, 0h"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 422
    assert words in response.content.decode()


def test_work_done_before_its_item_was_typed_in_is_recorded_on_its_day() -> None:
    browser, project, today = _under_way()
    item = make_item(project, title="Diseño de la home", added_on=today)
    done_on = project.start_on + timedelta(days=4)
    response = browser.post(
        f"/items/{item.pk}/done/", {"actual_hours": "9", "completed_on": done_on.isoformat()}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.completed_on, item.actual_hours) == ("done", done_on, Decimal("9"))
    # It was in the plan by the day it was finished, at the latest: so the burn-up counts it.
    assert item.added_on == done_on
    scope = item.scope_item()
    assert scope.added_on <= scope.completed_on  # type: ignore[operator]


def test_a_done_day_after_the_item_was_added_leaves_its_added_day() -> None:
    browser, project, today = _under_way()
    item = make_item(project, added_on=project.start_on)
    browser.post(f"/items/{item.pk}/done/", {"completed_on": today.isoformat()})
    item.refresh_from_db()
    assert (item.added_on, item.completed_on) == (project.start_on, today)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "A task cannot be done before the project&#x27;s start"),
        ("es", "Una tarea no puede estar hecha antes del inicio del proyecto"),
    ],
)
def test_work_cannot_be_done_before_the_project_started(language: str, words: str) -> None:
    browser, project, today = _under_way()
    item = make_item(project, added_on=today)
    before = project.start_on - timedelta(days=1)
    response = browser.post(
        f"/items/{item.pk}/done/",
        {"completed_on": before.isoformat()},
        HTTP_ACCEPT_LANGUAGE=language,
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert words in page
    assert "done before it was added" not in page
    item.refresh_from_db()
    assert (item.status, item.added_on, item.completed_on) == ("todo", today, None)


def test_the_done_form_offers_days_from_the_start() -> None:
    browser, project, today = _under_way()
    make_item(project, added_on=today)
    page = _items_page(browser, project, "en")
    assert f'name="completed_on" type="date" value="{today.isoformat()}"' in page
    assert f'min="{project.start_on.isoformat()}"' in page


def test_the_service_still_refuses_a_done_day_before_the_added_day_unless_asked() -> None:
    _browser, project, today = _under_way()
    item = make_item(project, added_on=today)
    earlier = today - timedelta(days=3)
    with pytest.raises(ProgressEventError) as refused:
        record_progress_event(project, [ItemDone(item.pk, on=earlier)], today=today)
    assert (refused.value.code, refused.value.day) == ("done_before_added", today)
    record_progress_event(
        project, [ItemDone(item.pk, on=earlier, moves_added_on=True)], today=today
    )
    assert WorkItem.objects.get(pk=item.pk).added_on == earlier
