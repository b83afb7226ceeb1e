"""A project that starts tomorrow takes its work items today: they are in the plan since the
start (finding outsider4 F2: the day field offered no valid day, and the server refused all)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.core.calendar.local_day import local_day
from plazo.store.models import Project
from plazo.store.services.work.progress import ItemAdded, record_progress_event
from plazo.web.forms.items import QuickAddForm
from tests.app.factories import make_client, make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db


def _starts_tomorrow() -> tuple[HttpClient, Project, date]:
    """A project whose client's tomorrow is its start; its browser and its client's today."""
    org = make_org()
    client = make_client(org, time_zone="America/Chicago")
    today = local_day(timezone.now(), client.time_zone)
    project = make_project(org, client, start_on=today + timedelta(days=1))
    browser, _user = browser_for(org)
    return browser, project, today


def test_the_day_field_offers_the_start_and_nothing_impossible() -> None:
    browser, project, _today = _starts_tomorrow()
    start = project.start_on.isoformat()

    page = browser.get(f"/projects/{project.pk}/items/").content.decode()

    assert f'min="{start}"' in page
    assert f'max="{start}"' in page  # min ≤ max: the browser has a day to accept
    assert f'value="{start}"' in page
    assert "items added before then are in the plan since its start" in page


@pytest.mark.parametrize("day", ["", "start"])
def test_items_typed_in_before_the_start_are_in_the_plan_since_the_start(day: str) -> None:
    browser, project, _today = _starts_tomorrow()
    added_on = project.start_on.isoformat() if day else ""

    response = browser.post(
        f"/projects/{project.pk}/items/",
        {"lines": "Catálogo de vinos, 12h\nPasarela de pago, 2 days", "added_on": added_on},
    )

    assert response.status_code == 302
    assert [i.added_on for i in project.work_items.all()] == [project.start_on] * 2


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Items added before the project starts are in the plan since its start"),
        ("es", "Las tareas añadidas antes de que empiece el proyecto"),
    ],
)
def test_today_is_refused_in_words_when_the_project_starts_later(language: str, words: str) -> None:
    browser, project, today = _starts_tomorrow()
    response = browser.post(
        f"/projects/{project.pk}/items/",
        {"lines": "Catálogo, 12h", "added_on": today.isoformat()},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 422
    assert words in response.content.decode()
    assert not project.work_items.exists()


def test_the_form_always_leaves_a_valid_day() -> None:
    today = date(2026, 12, 6)
    for start in (today - timedelta(days=30), today, today + timedelta(days=1)):
        form = QuickAddForm({"lines": "A, 1h"}, start=start, today=today)
        assert form.is_valid(), (start, form.errors)
        assert start <= form.cleaned_data["added_on"] <= max(start, today)


def test_an_item_added_through_the_service_without_a_day_enters_at_the_start() -> None:
    _browser, project, today = _starts_tomorrow()
    record_progress_event(project, [ItemAdded("Catálogo")], today=today)
    assert project.work_items.get().added_on == project.start_on
