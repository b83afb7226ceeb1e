"""Delivering a project, from the dashboard or the API: the promise is settled in the ledger and the
client's "delivered" message goes out through the outbox."""

from __future__ import annotations

import random
from datetime import date, timedelta
from email import message_from_bytes, policy

import pytest
from django.core.mail.backends.smtp import EmailBackend
from django.urls import reverse
from django.utils import timezone

from plazo.mail.outbox import deliver_due
from plazo.store.models import Commitment, Message, Project
from plazo.store.services.delivery.deliver import deliver
from tests.app.api_helpers import call, token_for
from tests.app.factories import (
    make_client,
    make_contact,
    make_item,
    make_org,
    make_project,
    make_user,
)
from tests.app.smtp_server import RecordingHandler, smtp_server
from tests.app.web.helpers import browser_for, promise

pytestmark = pytest.mark.django_db


def _project(name: str = "Tienda online") -> Project:
    org = make_org(sender_email="hola@estudio.example", language="es")
    client = make_client(org, name="Bodegas Ribera", language="es", register="informal")
    make_contact(client, name="Laura Gómez", email="laura@bodegas.example")

    owner = make_user(org, first_name="Ana", email="ana@estudio.example")
    project = make_project(org, client, name=name, start_on=date(2026, 11, 2), owner=owner)
    make_item(project, title="Catálogo", status="done", completed_on=date(2026, 11, 20))
    promise(project, project.client_today(timezone.now()) + timedelta(days=3))
    project.refresh_from_db()
    return project


def _settled(project: Project) -> tuple[object, ...]:
    project.refresh_from_db()
    current = Commitment.objects.get(project=project, is_current=True)
    note = Message.objects.get(project=project, kind="delivered")
    return (project.status, project.delivered_on, current.outcome, current.resolved_on, note.state)


def test_a_patch_to_delivered_settles_the_promise_as_the_web_does() -> None:
    by_web, by_api = _project(), _project()
    today = by_web.client_today(timezone.now())
    browser, _ = browser_for(by_web.organisation)
    browser.post(
        reverse("web:project_deliver", args=[by_web.pk]),
        {"delivered_on": today.isoformat(), "confirm": "1"},
    )

    response = call(
        "PATCH",
        f"/projects/{by_api.pk}",
        token=token_for(by_api.organisation),
        body={"status": "delivered"},
    )

    assert response.status_code == 200, response.content
    assert response.json()["delivered_on"] == today.isoformat()
    assert _settled(by_api) == _settled(by_web) == ("delivered", today, "kept", today, "queued")


def test_a_patch_with_a_delivery_day_delivers_on_that_day() -> None:
    project = _project()
    day = project.client_today(timezone.now()) - timedelta(days=1)
    response = call(
        "PATCH",
        f"/projects/{project.pk}",
        token=token_for(project.organisation),
        body={"delivered_on": day.isoformat()},
    )
    assert response.status_code == 200, response.content
    assert _settled(project)[:4] == ("delivered", day, "kept", day)


def test_a_delivered_project_cannot_be_made_active_again_through_the_api() -> None:
    project = _project()
    deliver(project, project.client_today(timezone.now()), now=timezone.now())
    token = token_for(project.organisation)

    reopened = call("PATCH", f"/projects/{project.pk}", token=token, body={"status": "active"})
    moved = call("PATCH", f"/projects/{project.pk}", token=token, body={"delivered_on": None})

    assert reopened.status_code == 422
    assert reopened.json()["error"]["details"][0]["field"] == "body.status"
    assert moved.status_code == 422
    assert moved.json()["error"]["details"][0]["field"] == "body.delivered_on"
    assert _settled(project)[:3] == ("delivered", project.delivered_on, "kept")


def test_a_delivery_in_the_future_through_the_api_is_refused_and_changes_nothing() -> None:
    project = _project()
    tomorrow = project.client_today(timezone.now()) + timedelta(days=1)
    response = call(
        "PATCH",
        f"/projects/{project.pk}",
        token=token_for(project.organisation),
        body={"status": "delivered", "delivered_on": tomorrow.isoformat(), "name": "Renamed"},
    )
    assert response.status_code == 422
    assert "has not come yet" in response.json()["error"]["message"]
    project.refresh_from_db()
    assert (project.status, project.name) == ("active", "Tienda online")
    assert not Message.objects.filter(project=project).exists()


def test_the_client_receives_the_delivered_message_over_smtp() -> None:
    project = _project()
    now = timezone.now()
    delivered = deliver(project, project.client_today(now), now=now)
    assert delivered.message is not None
    handler = RecordingHandler()
    with smtp_server(handler) as port:
        backend = EmailBackend(host="127.0.0.1", port=port, timeout=5, fail_silently=False)
        report = deliver_due(now=now, rng=random.Random(1), connection=backend)

    assert report.sent == [delivered.message.pk]
    assert len(handler.received) == 1
    envelope = handler.received[0]
    assert envelope.rcpt_tos == ["laura@bodegas.example"]
    mail = message_from_bytes(envelope.content, policy=policy.default)
    body = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "Tienda online" in str(mail["Subject"])
    assert body.startswith("Hola, Laura:")
    assert "Catálogo" in body


def test_delivering_twice_writes_one_message() -> None:
    project = _project()
    now = timezone.now()
    deliver(project, project.client_today(now), now=now)
    with pytest.raises(Exception, match="already delivered"):
        deliver(project, project.client_today(now), now=now)
    assert Message.objects.filter(project=project, kind="delivered").count() == 1


def test_a_project_without_a_promise_is_delivered_and_the_person_hears_why_no_note() -> None:
    org = make_org(sender_email="hola@estudio.example")
    project = make_project(org, start_on=date(2026, 11, 2))
    now = timezone.now()
    delivered = deliver(project, project.client_today(now), now=now)
    project.refresh_from_db()
    assert project.status == "delivered"
    assert delivered.message is None
    assert "no promised date" in delivered.not_told


@pytest.mark.parametrize(
    ("delivery", "field"),
    [
        ({"status": "delivered"}, "body.status"),
        ({"status": "delivered", "delivered_on": "2026-11-20"}, "body.status"),
        ({"delivered_on": "2026-11-20"}, "body.delivered_on"),
    ],
)
def test_creating_a_project_as_delivered_is_refused_with_the_way_to_deliver_it(
    delivery: dict[str, str], field: str
) -> None:
    """A created project has no settled promise to show: it is created, then delivered."""
    org = make_org(sender_email="hola@estudio.example")
    client = make_client(org, name="Bodegas Ribera")
    promised_on = (timezone.localdate() + timedelta(days=30)).isoformat()
    body = {"client_id": client.pk, "name": "Web", "start_on": "2026-11-02"}
    response = call(
        "POST",
        "/projects",
        token=token_for(org),
        body={**body, "promised_on": promised_on, **delivery},
    )

    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["details"][0]["field"] == field
    assert "then deliver it" in error["message"]
    assert "PATCH" in error["message"]
    assert not Project.objects.filter(organisation=org).exists()
    assert not Commitment.objects.filter(organisation=org).exists()


def test_a_project_created_then_patched_to_delivered_has_its_promise_settled() -> None:
    """The way the refusal points to works end to end, and tells the client."""
    org = make_org(sender_email="hola@estudio.example")
    client = make_client(org, name="Bodegas Ribera")
    make_contact(client, name="Laura Gómez", email="laura@bodegas.example")
    token = token_for(org)
    today = timezone.localdate()
    created = call(
        "POST",
        "/projects",
        token=token,
        body={
            "client_id": client.pk,
            "name": "Web",
            "start_on": (today - timedelta(days=20)).isoformat(),
            "promised_on": (today + timedelta(days=10)).isoformat(),
        },
    )
    assert created.status_code == 201, created.content
    project = Project.objects.get(pk=created.json()["id"])
    make_item(project, title="Catálogo", status="done", completed_on=today - timedelta(days=1))

    delivered = call("PATCH", f"/projects/{project.pk}", token=token, body={"status": "delivered"})

    assert delivered.status_code == 200, delivered.content
    day = project.client_today(timezone.now())
    assert _settled(project) == ("delivered", day, "kept", day, "queued")


def test_a_project_can_still_be_created_paused_or_cancelled() -> None:
    org = make_org()
    client = make_client(org, name="Bodegas Ribera")
    token = token_for(org)
    for status in ("paused", "cancelled"):
        body = {"client_id": client.pk, "name": status, "start_on": "2026-11-02", "status": status}
        response = call("POST", "/projects", token=token, body=body)
        assert response.status_code == 201, response.content
        assert response.json()["status"] == status


def test_the_openapi_schema_says_how_a_project_is_delivered() -> None:
    schema = call("GET", "/openapi.json").json()
    fields = schema["components"]["schemas"]["ProjectIn"]["properties"]
    assert "then PATCH its status to 'delivered'" in fields["status"]["description"]
    assert "delivered by a PATCH" in fields["delivered_on"]["description"]
