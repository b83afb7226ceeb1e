"""The API refuses, with a 422 naming the field, what a check-in or a forecast would choke on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from plazo.store.models import Organisation, Project, WorkItem
from plazo.store.services.access.tokens import create_token
from tests.app.api_helpers import call, token_for
from tests.app.factories import NOW, make_client, make_item, make_org, make_project, make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def org() -> Organisation:
    return make_org(country="ES")


@pytest.fixture
def token(org: Organisation) -> str:
    return token_for(org)


def _refused(response: Any, field: str) -> str:
    assert response.status_code == 422, response.content
    details = response.json()["error"]["details"]
    assert field in {detail["field"] for detail in details}, details
    return str(response.json()["error"]["message"])


def _project_body(org: Organisation, **fields: Any) -> dict[str, Any]:
    body = {"client_id": make_client(org).pk, "name": "Web", "start_on": TODAY.isoformat()}
    return body | fields


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"country": "ZZ"}, "body.country"),
        ({"country": "ES", "subdivision": "QQ"}, "body.subdivision"),
        ({"subdivision": "QQ"}, "body.subdivision"),
    ],
)
def test_a_holiday_calendar_that_does_not_exist_is_refused(
    org: Organisation, token: str, changes: dict[str, str], field: str
) -> None:
    project = make_project(org)
    _refused(call("PATCH", f"/projects/{project.pk}", token=token, body=changes), field)
    project.refresh_from_db()
    assert (project.country, project.subdivision) == ("ES", "")
    _refused(call("POST", "/projects", token=token, body=_project_body(org, **changes)), field)


def test_an_existing_subdivision_is_accepted(org: Organisation, token: str) -> None:
    project = make_project(org)
    body = {"country": "ES", "subdivision": "MD"}
    assert call("PATCH", f"/projects/{project.pk}", token=token, body=body).status_code == 200


def test_a_new_project_is_owned_by_the_tokens_user(org: Organisation) -> None:
    user = make_user(org, email="marta@estudio.example")
    secret = create_token(org, name="ci", now=NOW, created_by=user).secret
    response = call("POST", "/projects", token=secret, body=_project_body(org))
    assert response.status_code == 201, response.content
    assert Project.objects.get().owner == user


def test_the_owner_field_names_a_member_by_e_mail(org: Organisation, token: str) -> None:
    other = make_user(org, email="pablo@estudio.example")
    body = _project_body(org, owner="PABLO@estudio.example")
    assert call("POST", "/projects", token=token, body=body).status_code == 201
    project = Project.objects.get()
    assert project.owner == other
    body = {"owner": "nobody@estudio.example"}
    _refused(call("PATCH", f"/projects/{project.pk}", token=token, body=body), "body.owner")


def test_an_owner_of_another_organisation_is_refused(org: Organisation, token: str) -> None:
    make_user(make_org(), email="stranger@other.example")
    body = _project_body(org, owner="stranger@other.example")
    _refused(call("POST", "/projects", token=token, body=body), "body.owner")
    assert not Project.objects.exists()


def test_a_project_nobody_could_own_is_refused() -> None:
    org = make_org()
    secret = create_token(org, name="ci", now=NOW).secret
    message = _refused(
        call("POST", "/projects", token=secret, body=_project_body(org)), "body.owner"
    )
    assert "e-mail" in message


def test_a_promise_in_the_past_is_422_naming_the_rule(org: Organisation, token: str) -> None:
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    body = _project_body(org, start_on="2026-01-05", promised_on=yesterday)
    message = _refused(call("POST", "/projects", token=token, body=body), "body.promised_on")
    assert "past" in message
    project = make_project(org, start_on=TODAY - timedelta(days=30))
    body = {"promised_on": yesterday}
    _refused(call("PATCH", f"/projects/{project.pk}", token=token, body=body), "body.promised_on")


def test_a_promise_before_the_start_is_422(org: Organisation, token: str) -> None:
    body = _project_body(
        org,
        start_on=(TODAY + timedelta(days=30)).isoformat(),
        promised_on=(TODAY + timedelta(days=10)).isoformat(),
    )
    message = _refused(call("POST", "/projects", token=token, body=body), "body.promised_on")
    assert "start_on" in message


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
@pytest.mark.parametrize("field", ["start_on", "promised_on", "stake_on", "delivered_on"])
def test_absurd_project_dates_are_refused(
    org: Organisation, token: str, field: str, day: str
) -> None:
    _refused(
        call("POST", "/projects", token=token, body=_project_body(org, **{field: day})),
        f"body.{field}",
    )
    project = make_project(org)
    _refused(
        call("PATCH", f"/projects/{project.pk}", token=token, body={field: day}), f"body.{field}"
    )


@pytest.mark.parametrize("zone", ["Factory", "localtime", "EST5EDT", "Etc/GMT+5", "US/Eastern"])
def test_legacy_and_odd_time_zones_are_refused(org: Organisation, token: str, zone: str) -> None:
    body = {"name": "Acme", "time_zone": zone}
    _refused(call("POST", "/clients", token=token, body=body), "body.time_zone")
    client = make_client(org)
    body = {"time_zone": zone}
    _refused(call("PATCH", f"/clients/{client.pk}", token=token, body=body), "body.time_zone")


@pytest.mark.parametrize("zone", ["UTC", "Europe/Madrid", "America/Argentina/Buenos_Aires"])
def test_canonical_time_zones_are_accepted(token: str, zone: str) -> None:
    assert (
        call("POST", "/clients", token=token, body={"name": zone, "time_zone": zone}).status_code
        == 201
    )


def test_nul_is_refused_in_tier_subdivision_and_estimator(org: Organisation, token: str) -> None:
    _refused(
        call("POST", "/clients", token=token, body={"name": "A", "tier": "go\x00ld"}), "body.tier"
    )
    client = make_client(org)
    body = {"tier": "\x00"}
    _refused(call("PATCH", f"/clients/{client.pk}", token=token, body=body), "body.tier")
    project = make_project(org)
    body = {"subdivision": "M\x00D"}
    _refused(call("PATCH", f"/projects/{project.pk}", token=token, body=body), "body.subdivision")
    body = {"title": "Task", "estimator": "ana\x00"}
    _refused(
        call("POST", f"/projects/{project.pk}/items", token=token, body=body), "body.estimator"
    )
    item = make_item(project)
    body = {"estimator": "ana\x00"}
    _refused(call("PATCH", f"/items/{item.pk}", token=token, body=body), "body.estimator")
    event = {"kind": "item_added", "title": "T", "estimator": "\x00"}
    response = call("POST", f"/projects/{project.pk}/events", token=token, body={"events": [event]})
    _refused(response, "body.events.0.item_added.estimator")


def test_an_unpaired_surrogate_is_refused(org: Organisation, token: str) -> None:
    raw = b'{"name": "A\\ud800"}'
    _refused(call("POST", "/clients", token=token, raw=raw), "body.name")


@pytest.mark.parametrize("hours", ["999999.99", "10000.01"])
def test_an_absurd_estimate_is_refused(org: Organisation, token: str, hours: str) -> None:
    project = make_project(org)
    body = {"title": "Task", "estimate_hours": hours}
    _refused(
        call("POST", f"/projects/{project.pk}/items", token=token, body=body), "body.estimate_hours"
    )
    item = make_item(project)
    body = {"estimate_hours": hours}
    _refused(call("PATCH", f"/items/{item.pk}", token=token, body=body), "body.estimate_hours")
    body = {"actual_hours": hours}
    _refused(call("PATCH", f"/items/{item.pk}", token=token, body=body), "body.actual_hours")


def test_ten_thousand_hours_is_the_largest_estimate(org: Organisation, token: str) -> None:
    project = make_project(org)
    body = {"title": "Task", "estimate_hours": "10000"}
    assert call("POST", f"/projects/{project.pk}/items", token=token, body=body).status_code == 201


@pytest.mark.parametrize("capacity", ["0.01", "0.5", "10000.01"])
def test_an_absurd_capacity_is_refused(org: Organisation, token: str, capacity: str) -> None:
    body = _project_body(org, capacity_hours_per_week=capacity)
    _refused(call("POST", "/projects", token=token, body=body), "body.capacity_hours_per_week")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_absurd_added_on_is_refused(org: Organisation, token: str, day: str) -> None:
    project = make_project(org)
    body = {"title": "Task", "added_on": day}
    _refused(call("POST", f"/projects/{project.pk}/items", token=token, body=body), "body.added_on")
    assert not WorkItem.objects.exists()


def test_completion_before_the_item_was_added_is_refused(org: Organisation, token: str) -> None:
    project = make_project(org)
    item = make_item(project, added_on=TODAY)
    body = {"status": "done", "completed_on": (TODAY - timedelta(days=3)).isoformat()}
    message = _refused(
        call("PATCH", f"/items/{item.pk}", token=token, body=body), "body.completed_on"
    )
    assert "added_on" in message
    event = {"kind": "item_done", "item_id": item.pk, "on": (TODAY - timedelta(days=3)).isoformat()}
    response = call("POST", f"/projects/{project.pk}/events", token=token, body={"events": [event]})
    assert response.status_code == 422
    item.refresh_from_db()
    assert item.status == "todo"
