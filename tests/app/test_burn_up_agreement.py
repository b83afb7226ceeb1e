"""The dashboard's timeline and the e-mail's burn-up count the same work as done."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from plazo.store.models import WorkItem
from plazo.store.services.composing.inputs import burn_up
from plazo.web.timeline import project_timeline
from tests.app.api_helpers import call, token_for
from tests.app.factories import make_item, make_org, make_project

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)


def test_reopening_an_item_through_the_api_clears_its_completion() -> None:
    org = make_org()
    item = make_item(make_project(org), status="done", completed_on=date(2026, 11, 9))
    response = call("PATCH", f"/items/{item.pk}", token=token_for(org), body={"status": "doing"})
    assert response.status_code == 200, response.content
    item.refresh_from_db()
    assert (item.status, item.completed_on) == ("doing", None)


def test_the_dashboard_and_the_email_agree_on_work_done() -> None:
    project = make_project(make_org())
    make_item(project, status="done", completed_on=date(2026, 11, 9))
    # a reopened item whose old completion date was left behind by an earlier version
    make_item(project, status="doing", completed_on=date(2026, 11, 10))
    # done, then removed from the scope
    make_item(
        project,
        status="done",
        completed_on=date(2026, 11, 5),
        removed_on=date(2026, 11, 12),
        estimate_hours=Decimal("4"),
    )
    items = list(WorkItem.objects.filter(project=project))
    chart = project_timeline(project, items, None, today=TODAY)
    mail = burn_up(items, start=project.start_on, today=TODAY)
    assert chart.done_hours == mail.done[-1] == 8.0
    assert chart.scope_hours == mail.scope[-1] == 16.0
