"""What every dashboard page owes its users: labelled fields and a query count that stays flat."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.app.factories import make_case, make_item, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, promise, send

pytestmark = pytest.mark.django_db


def test_every_field_on_every_page_has_a_label() -> None:
    org = make_org()
    project = make_project(org)
    send(project, state="failed", sent_at=None)
    browser, user = browser_for(org)
    user.memberships.create(organisation=make_org(), role="member")  # shows the switcher too
    browser.post(f"/projects/{project.pk}/status-link/")
    for url in ("/", f"/projects/{project.pk}/", "/outbox/"):
        page = browser.get(url).content.decode()
        labelled = set(re.findall(r'<label for="([^"]+)"', page))
        fields = re.findall(r"<(?:input|select|textarea)\b[^>]*>", page)
        for field in fields:
            if 'type="hidden"' in field or 'type="submit"' in field:
                continue
            found = re.search(r'id="([^"]+)"', field)
            assert found is not None, (url, field)
            assert found[1] in labelled, (url, field)


def _project_with_history(org: object, n: int) -> int:
    project = make_project(org)
    for i in range(n):
        make_item(project, status="done", completed_on=project.start_on + timedelta(days=i))
        make_forecast(project, created_at=timezone.now() - timedelta(days=i))
        send(project)
    promise(project, timezone.localdate() + timedelta(days=30))
    make_case(project)
    return int(project.pk)


@pytest.mark.parametrize("page", ["project", "outbox"])
def test_the_project_page_and_the_outbox_take_the_same_queries_for_3_or_30_rows(page: str) -> None:
    counts = []
    for n in (3, 30):
        org = make_org()
        project_id = _project_with_history(org, n)
        browser, _ = browser_for(org)
        url = f"/projects/{project_id}/" if page == "project" else "/outbox/"
        browser.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
