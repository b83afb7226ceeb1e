"""Tenants are walls: another organisation's ids answer 404 on every URL that takes an id."""

from __future__ import annotations

import pytest

from plazo.store.models import Client, Project, WorkItem
from tests.app.api_helpers import call, token_for
from tests.app.factories import make_client, make_item, make_org, make_project

pytestmark = pytest.mark.django_db

URLS_WITH_IDS = [
    ("GET", "/clients/{client}", None),
    ("PATCH", "/clients/{client}", {"name": "Mine now"}),
    ("DELETE", "/clients/{client}", None),
    ("GET", "/projects/{project}", None),
    ("PATCH", "/projects/{project}", {"name": "Mine now"}),
    ("DELETE", "/projects/{project}", None),
    ("POST", "/projects/{project}/events", {"events": [{"kind": "item_added", "title": "x"}]}),
    ("GET", "/projects/{project}/forecast", None),
    ("GET", "/projects/{project}/commitments", None),
    ("GET", "/projects/{project}/items", None),
    ("POST", "/projects/{project}/items", {"title": "x"}),
    ("GET", "/items/{item}", None),
    ("PATCH", "/items/{item}", {"title": "Mine now"}),
    ("DELETE", "/items/{item}", None),
]


@pytest.mark.parametrize(("method", "template", "body"), URLS_WITH_IDS)
def test_another_organisations_ids_are_not_found(
    method: str, template: str, body: dict[str, object] | None
) -> None:
    theirs = make_org()
    project = make_project(theirs)
    item = make_item(project)
    mine = make_org()
    path = template.format(client=project.client_id, project=project.pk, item=item.pk)

    response = call(method, path, token=token_for(mine), body=body)

    assert response.status_code == 404, response.content
    assert response.json()["error"]["code"] == "not_found"
    assert Client.objects.filter(pk=project.client_id, name=project.client.name).exists()
    assert Project.objects.filter(pk=project.pk, name=project.name).exists()
    assert WorkItem.objects.filter(pk=item.pk, title=item.title, removed_on=None).exists()
    assert not WorkItem.objects.filter(title="x").exists()


def test_lists_show_only_the_callers_rows() -> None:
    theirs, mine = make_org(), make_org()
    make_client(theirs, name="Theirs")
    make_client(mine, name="Mine")
    response = call("GET", "/clients", token=token_for(mine))
    assert [c["name"] for c in response.json()["items"]] == ["Mine"]


def test_a_project_cannot_point_at_another_organisations_client() -> None:
    theirs, mine = make_org(), make_org()
    client = make_client(theirs)
    body = {"client_id": client.pk, "name": "Sneaky", "start_on": "2026-11-02"}
    response = call("POST", "/projects", token=token_for(mine), body=body)
    assert response.status_code == 422
    assert not Project.objects.filter(name="Sneaky").exists()


def test_events_cannot_touch_another_organisations_items() -> None:
    theirs, mine = make_org(), make_org()
    their_item = make_item(make_project(theirs))
    my_project = make_project(mine)
    body = {"events": [{"kind": "item_done", "item_id": their_item.pk, "on": "2026-11-20"}]}
    response = call("POST", f"/projects/{my_project.pk}/events", token=token_for(mine), body=body)
    assert response.status_code == 422
    their_item.refresh_from_db()
    assert their_item.status == "todo"
