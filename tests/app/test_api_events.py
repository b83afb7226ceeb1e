"""Progress events apply to work items in one transaction; the latest forecast is readable."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from plazo.store.models import Forecast, WorkItem
from tests.app.api_helpers import call, token_for
from tests.app.factories import NOW, make_item, make_org, make_project

pytestmark = pytest.mark.django_db


def test_events_are_applied_in_order_and_reported() -> None:
    org = make_org()
    project = make_project(org)
    design = make_item(project, title="Design")
    build = make_item(project, title="Build", estimate_hours=Decimal("20"))
    copy = make_item(project, title="Copy")
    body = {
        "events": [
            {"kind": "item_done", "item_id": design.pk, "on": "2026-11-20", "actual_hours": 10},
            {"kind": "item_reestimated", "item_id": build.pk, "estimate_hours": 32},
            {"kind": "item_removed", "item_id": copy.pk, "on": "2026-11-21"},
            {"kind": "item_added", "title": "Hosting", "estimate_hours": 4, "external_id": "GH-7"},
        ]
    }
    response = call("POST", f"/projects/{project.pk}/events", token=token_for(org), body=body)
    assert response.status_code == 200, response.content
    kinds = [change["kind"] for change in response.json()["changes"]]
    assert kinds == ["item_done", "item_reestimated", "item_removed", "item_added"]
    design.refresh_from_db()
    build.refresh_from_db()
    copy.refresh_from_db()
    assert (design.status, design.completed_on, design.actual_hours) == (
        "done",
        date(2026, 11, 20),
        Decimal("10"),
    )
    assert build.estimate_hours == Decimal("32")
    assert copy.removed_on == date(2026, 11, 21)
    added = WorkItem.objects.get(external_id="GH-7")
    assert added.added_on is not None
    assert added.position > max(i.position for i in (design, build, copy))


def test_one_bad_event_applies_none() -> None:
    org = make_org()
    project = make_project(org)
    item = make_item(project)
    body = {
        "events": [
            {"kind": "item_done", "item_id": item.pk, "on": "2026-11-20"},
            {"kind": "item_done", "item_id": 10**12},
        ]
    }
    response = call("POST", f"/projects/{project.pk}/events", token=token_for(org), body=body)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "body.events.1"
    item.refresh_from_db()
    assert item.status == "todo"


def test_an_unknown_event_kind_is_a_validation_error() -> None:
    org = make_org()
    project = make_project(org)
    body = {"events": [{"kind": "item_exploded", "item_id": 1}]}
    response = call("POST", f"/projects/{project.pk}/events", token=token_for(org), body=body)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def test_forecast_is_404_until_there_is_one_then_the_latest() -> None:
    org = make_org()
    project = make_project(org)
    token = token_for(org)
    assert call("GET", f"/projects/{project.pk}/forecast", token=token).status_code == 404
    for hours, at in ((40.0, NOW - timedelta(days=7)), (30.0, NOW)):
        Forecast.objects.create(
            organisation=org,
            project=project,
            created_at=at,
            model="test",
            trials=100,
            remaining_hours=hours,
            effort_p50_hours=hours,
            effort_p85_hours=hours + 5,
            effort_p95_hours=hours + 9,
            inputs_fingerprint="x" * 64,
        )
    latest = call("GET", f"/projects/{project.pk}/forecast", token=token)
    assert latest.status_code == 200
    assert latest.json()["remaining_hours"] == 30.0


def test_an_external_id_that_is_taken_is_refused() -> None:
    org = make_org()
    project = make_project(org)
    make_item(project, external_id="GH-1")
    token = token_for(org)
    body = {"events": [{"kind": "item_added", "title": "Again", "external_id": "GH-1"}]}
    response = call("POST", f"/projects/{project.pk}/events", token=token, body=body)
    assert response.status_code == 422
    assert "taken" in response.json()["error"]["message"]
    again = call(
        "POST",
        f"/projects/{project.pk}/items",
        token=token,
        body={"title": "Again", "external_id": "GH-1"},
    )
    assert again.status_code == 409
    assert WorkItem.objects.filter(external_id="GH-1").count() == 1
