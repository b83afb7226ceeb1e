"""Clients, projects and work items through the API: create, list, read, change, delete."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from plazo.store.models import Client, Commitment, Project, WorkItem
from tests.app.api_helpers import call, token_for
from tests.app.factories import make_client, make_item, make_org, make_project
from tests.app.web.helpers import promise

pytestmark = pytest.mark.django_db


def test_client_life_cycle() -> None:
    org = make_org(language="es", time_zone="Europe/Madrid")
    token = token_for(org)
    created = call("POST", "/clients", token=token, body={"name": "Acme", "register": "informal"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["language"], body["register"], body["time_zone"]) == (
        "es",
        "informal",
        "Europe/Madrid",
    )
    client_id = body["id"]
    changed = call("PATCH", f"/clients/{client_id}", token=token, body={"tier": "gold"})
    assert changed.json()["tier"] == "gold"
    assert changed.json()["name"] == "Acme"
    assert call("GET", f"/clients/{client_id}", token=token).json()["tier"] == "gold"
    assert call("DELETE", f"/clients/{client_id}", token=token).status_code == 204
    assert not Client.objects.filter(pk=client_id).exists()


def test_a_duplicate_client_name_is_a_conflict() -> None:
    org = make_org()
    make_client(org, name="Acme")
    response = call("POST", "/clients", token=token_for(org), body={"name": "Acme"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_lists_are_paginated() -> None:
    org = make_org()
    for n in range(5):
        make_client(org, name=f"Client {n}")
    token = token_for(org)
    page = call("GET", "/clients?limit=2&offset=2", token=token).json()
    assert page["count"] == 5
    assert (page["limit"], page["offset"]) == (2, 2)
    assert [c["name"] for c in page["items"]] == ["Client 2", "Client 3"]
    assert call("GET", "/clients?limit=0", token=token).status_code == 422
    assert call("GET", "/clients?limit=201", token=token).status_code == 422


def test_a_project_promise_goes_through_the_ledger() -> None:
    org = make_org()
    client = make_client(org)
    token = token_for(org)
    body = {
        "client_id": client.pk,
        "name": "Web",
        "start_on": "2026-11-02",
        "promised_on": "2026-12-18",
        "stake": "the launch",
        "capacity_hours_per_week": 25,
    }
    created = call("POST", "/projects", token=token, body=body)
    assert created.status_code == 201, created.content
    project_id = created.json()["id"]
    assert created.json()["promised_on"] == "2026-12-18"
    told_on = Project.objects.get(pk=project_id).client_today(timezone.now()).isoformat()
    moved = call(
        "PATCH",
        f"/projects/{project_id}",
        token=token,
        body={
            "promised_on": "2027-01-15",
            "promise_reason": "scope grew",
            "promise_told_on": told_on,
        },
    )
    assert moved.json()["promised_on"] == "2027-01-15"
    ledger = call("GET", f"/projects/{project_id}/commitments", token=token).json()
    assert [(c["promised_on"], c["is_current"]) for c in ledger] == [
        ("2026-12-18", False),
        ("2027-01-15", True),
    ]
    assert ledger[1]["reason"] == "scope grew"
    assert Commitment.objects.filter(project_id=project_id).count() == 2


def test_a_project_delivered_before_it_started_is_refused() -> None:
    org = make_org()
    project = make_project(org, start_on=date(2026, 11, 2))
    response = call(
        "PATCH",
        f"/projects/{project.pk}",
        token=token_for(org),
        body={"delivered_on": "2026-01-01"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "body.delivered_on"
    project.refresh_from_db()
    assert project.delivered_on is None


def test_work_item_life_cycle_keeps_removed_items() -> None:
    org = make_org()
    project = make_project(org)
    token = token_for(org)
    created = call(
        "POST",
        f"/projects/{project.pk}/items",
        token=token,
        body={"title": "Design", "estimate_hours": 8, "added_on": "2026-11-02"},
    )
    assert created.status_code == 201, created.content
    item_id = created.json()["id"]
    done = call(
        "PATCH",
        f"/items/{item_id}",
        token=token,
        body={"status": "done", "completed_on": "2026-11-20", "actual_hours": 9.5},
    )
    assert done.json()["status"] == "done"
    assert call("DELETE", f"/items/{item_id}", token=token).status_code == 204
    item = WorkItem.objects.get(pk=item_id)
    assert item.removed_on is not None
    listed = call("GET", f"/projects/{project.pk}/items", token=token).json()
    assert listed["count"] == 0
    everything = call("GET", f"/projects/{project.pk}/items?include_removed=true", token=token)
    assert [i["id"] for i in everything.json()["items"]] == [item_id]
    assert call("DELETE", f"/items/{item_id}", token=token).status_code == 409


def test_done_without_a_completion_date_is_refused() -> None:
    org = make_org()
    item = make_item(make_project(org))
    response = call("PATCH", f"/items/{item.pk}", token=token_for(org), body={"status": "done"})
    assert response.status_code == 422
    item.refresh_from_db()
    assert item.status == "todo"


def test_deleting_a_project_removes_it() -> None:
    org = make_org()
    project = make_project(org)
    assert call("DELETE", f"/projects/{project.pk}", token=token_for(org)).status_code == 204
    assert not Project.objects.filter(pk=project.pk).exists()


def test_a_later_promise_without_a_word_to_the_client_is_refused_and_changes_nothing() -> None:
    """Outsider 6, B2: a later date is a delay the client must hear of, through the API too."""
    org = make_org()
    project = make_project(org, start_on=date(2026, 11, 2), name="Web")
    promise(project, date(2027, 1, 29))
    token = token_for(org)
    refused = call(
        "PATCH",
        f"/projects/{project.pk}",
        token=token,
        body={"promised_on": "2027-02-05", "name": "Kitchen"},
    )
    assert refused.status_code == 422, refused.content
    detail = refused.json()["error"]["details"][0]
    assert (detail["field"], detail["type"]) == ("body.promised_on", "slip_needs_notice")
    assert "delay case" in detail["message"]
    project.refresh_from_db()
    assert (project.promised_on, project.name) == (date(2027, 1, 29), "Web")
    assert Commitment.objects.filter(project=project).count() == 1


def test_a_later_promise_told_outside_plazo_needs_its_reason_and_is_kept_as_told() -> None:
    org = make_org()
    project = make_project(org, start_on=date(2026, 11, 2))
    promise(project, date(2027, 1, 29))
    token = token_for(org)
    today = project.client_today(timezone.now())
    no_reason = call(
        "PATCH",
        f"/projects/{project.pk}",
        token=token,
        body={"promised_on": "2027-02-05", "promise_told_on": today.isoformat()},
    )
    assert no_reason.status_code == 422, no_reason.content
    assert no_reason.json()["error"]["details"][0]["field"] == "body.promise_reason"
    told = call(
        "PATCH",
        f"/projects/{project.pk}",
        token=token,
        body={
            "promised_on": "2027-02-05",
            "promise_told_on": today.isoformat(),
            "promise_reason": "the worktop arrives a week late; I called Helen",
        },
    )
    assert told.status_code == 200, told.content
    current = Commitment.objects.get(project=project, is_current=True)
    assert [(e.kind, e.happened_on) for e in current.events.all()] == [("told", today)]
    earlier = call(
        "PATCH", f"/projects/{project.pk}", token=token, body={"promised_on": "2027-02-01"}
    )
    assert earlier.status_code == 200, earlier.content  # bringing it forward is a plain change
    ledger = call("GET", f"/projects/{project.pk}/commitments", token=token).json()
    assert [c["told_on"] for c in ledger] == [None, today.isoformat(), None]
