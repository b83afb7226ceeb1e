"""*Mark done* on a project that has not started: work done before the start counts on the start
day (``Project.entry_day``, as work added before the start enters the plan on it)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plazo.store.models import Project, WorkItem
from plazo.store.services.work.progress import ItemDone, record_progress_event
from tests.app.factories import make_item, make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db


def _starting_tomorrow() -> tuple[Project, WorkItem]:
    org = make_org()
    project = make_project(org, start_on=timezone.localdate() + timedelta(days=1))
    today = project.client_today(timezone.now())
    Project.objects.filter(pk=project.pk).update(start_on=today + timedelta(days=1))
    project.refresh_from_db()
    return project, make_item(project, title="Kick-off deck")


def test_the_done_day_starts_on_the_projects_start_and_is_accepted() -> None:
    project, item = _starting_tomorrow()
    browser, _ = browser_for(project.organisation)
    start = project.start_on.isoformat()

    page = browser.get(reverse("web:project_items", args=[project.pk])).content.decode()
    assert f'name="completed_on" type="date" value="{start}" max="{start}" min="{start}"' in page

    done = browser.post(
        reverse("web:item_done", args=[item.pk]),
        {"actual_hours": "3", "completed_on": start},
        HTTP_HX_REQUEST="true",
    )
    assert done.status_code == 200
    assert 'role="alert"' not in done.content.decode()
    item.refresh_from_db()
    assert (item.status, item.completed_on) == ("done", project.start_on)


def test_another_day_before_the_start_is_refused_with_the_rule() -> None:
    project, item = _starting_tomorrow()
    browser, _ = browser_for(project.organisation)
    for day in (project.start_on - timedelta(days=1), project.start_on + timedelta(days=1)):
        answer = browser.post(
            reverse("web:item_done", args=[item.pk]),
            {"completed_on": day.isoformat()},
            HTTP_HX_REQUEST="true",
        ).content.decode()
        assert 'role="alert"' in answer
        assert "The project starts on" in answer or "before the project" in answer
    item.refresh_from_db()
    assert item.status == "todo"


def test_done_from_the_status_list_and_from_the_api_counts_on_the_start() -> None:
    project, item = _starting_tomorrow()
    other = make_item(project, title="Brand colours")
    browser, _ = browser_for(project.organisation)
    browser.post(reverse("web:item_edit", args=[item.pk]), {"status": "done"})
    item.refresh_from_db()
    assert (item.status, item.completed_on) == ("done", project.start_on)

    today = project.client_today(timezone.now())
    record_progress_event(project, [ItemDone(other.pk)], today=today)
    other.refresh_from_db()
    assert (other.status, other.completed_on) == ("done", project.start_on)
