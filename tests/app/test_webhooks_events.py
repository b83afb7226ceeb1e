"""Events become webhook deliveries in the transaction that decided them, for subscribers only."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date
from email.message import EmailMessage

import pytest
from django.core.mail import get_connection
from django.db import transaction

from plazo.mail.outbox import deliver_due
from plazo.store.models import Forecast, Message, Organisation, Project, WebhookDelivery
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.webhooks.endpoints import add_endpoint
from plazo.store.services.work.snapshots import load_project_snapshot
from plazo.webhooks.delivery import drain_due_webhooks
from tests.app.factories import (
    NOW,
    make_case,
    make_message,
    make_org,
    make_project,
    make_user,
)
from tests.app.webhook_receiver import WebhookReceiver, webhook_receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver() -> WebhookReceiver:
    return WebhookReceiver()


@pytest.fixture
def url(receiver: WebhookReceiver) -> Iterator[str]:
    with webhook_receiver(receiver) as address:
        yield address


def _at_risk(org: Organisation) -> tuple[Project, Forecast]:
    owner = make_user(org, email="marta@estudio.example")
    project = make_project(
        org, name="Portal del inversor", promised_on=date(2026, 12, 18), owner=owner
    )
    forecast = Forecast.objects.create(
        organisation=org,
        project=project,
        created_at=NOW,
        model="test",
        trials=1000,
        remaining_hours=80,
        effort_p50_hours=80,
        effort_p85_hours=100,
        effort_p95_hours=120,
        finish_p50_on=date(2026, 12, 22),
        finish_p85_on=date(2027, 1, 8),
        finish_p95_on=date(2027, 1, 15),
        p_on_time=0.2,
        recommended_on=date(2027, 1, 8),
        inputs_fingerprint="f" * 64,
    )
    return project, forecast


def _queued(project: Project, kind: str, **fields: object) -> Message:
    mail = EmailMessage()
    mail["From"] = "hola@estudio.example"
    mail["To"] = "lucia@cliente.example"
    mail["Subject"] = "Asunto"
    mail.set_content("Hola")
    return make_message(
        project,
        kind=kind,
        idempotency_key=f"{kind}:{project.pk}",
        mime=mail.as_bytes(),
        recipients=["lucia@cliente.example"],
        state="queued",
        queued_at=NOW,
        **fields,
    )


def _send_outbox() -> list[int]:
    connection = get_connection("django.core.mail.backends.locmem.EmailBackend")
    return deliver_due(now=NOW, rng=random.Random(1), connection=connection).sent


def test_an_opened_case_reaches_the_receiver_signed(receiver: WebhookReceiver, url: str) -> None:
    org = make_org(slug="estudio-norte")
    endpoint = add_endpoint(org, url, now=NOW)
    receiver.secret = endpoint.secret
    project, forecast = _at_risk(org)
    opened = open_case_if_at_risk(load_project_snapshot(project), forecast, now=NOW)
    assert opened is not None
    case = opened[0]

    report = drain_due_webhooks(now=NOW, rng=random.Random(1))

    assert len(report.sent) == 1
    (request,) = receiver.received
    assert request.signature_valid
    assert request.headers["x-plazo-event"] == "delay_case.opened"
    body = json.loads(request.body)
    assert (body["type"], body["organisation"]) == ("delay_case.opened", "estudio-norte")
    assert body["data"]["project"]["id"] == project.pk
    assert body["data"]["project"]["name"] == "Portal del inversor"
    assert body["data"]["delay_case"]["id"] == case.pk
    assert body["data"]["delay_case"]["previous_promised_on"] == "2026-12-18"
    assert body["data"]["delay_case"]["recommended_on"] == "2027-01-08"
    assert WebhookDelivery.objects.get().event_id.hex == body["id"].replace("-", "")


def test_a_sent_delay_notice_emits_notice_sent_with_the_new_date() -> None:
    org = make_org()
    add_endpoint(org, "https://hooks.example/plazo", now=NOW)
    project = make_project(org, promised_on=date(2026, 12, 18))
    case = make_case(project, previous_promised_on=date(2026, 12, 18), chosen_on=date(2027, 1, 15))
    notice = _queued(project, "delay_notice", delay_case=case)
    assert not WebhookDelivery.objects.exists()  # queued is not sent

    assert _send_outbox() == [notice.pk]

    delivery = WebhookDelivery.objects.get()
    assert (delivery.event, delivery.state) == ("notice.sent", "queued")
    data = delivery.payload["data"]
    assert data["message"]["id"] == notice.pk
    assert data["message"]["sent_at"] == NOW.isoformat()
    assert data["delay_case"]["new_promised_on"] == "2027-01-15"
    assert "Hola" not in json.dumps(delivery.payload)  # no e-mail body
    assert "lucia@cliente.example" not in json.dumps(delivery.payload)  # no recipient


def test_a_sent_weekly_update_emits_update_sent_and_an_owner_alert_emits_nothing() -> None:
    org = make_org()
    add_endpoint(org, "https://hooks.example/plazo", now=NOW)
    project = make_project(org)
    update = _queued(project, "weekly_update")
    _queued(project, "owner_alert")

    assert len(_send_outbox()) == 2

    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "update.sent"
    assert delivery.payload["data"]["message"]["id"] == update.pk


def test_an_event_the_endpoint_does_not_subscribe_to_is_not_delivered() -> None:
    org = make_org()
    add_endpoint(org, "https://hooks.example/updates", events=["update.sent"], now=NOW)
    project, forecast = _at_risk(org)
    assert open_case_if_at_risk(load_project_snapshot(project), forecast, now=NOW) is not None
    assert not WebhookDelivery.objects.exists()


def test_inactive_endpoints_and_other_organisations_endpoints_get_nothing() -> None:
    org = make_org()
    paused = add_endpoint(org, "https://hooks.example/paused", now=NOW)
    paused.active = False
    paused.save()
    add_endpoint(make_org(), "https://hooks.example/other-tenant", now=NOW)
    project, forecast = _at_risk(org)
    assert open_case_if_at_risk(load_project_snapshot(project), forecast, now=NOW) is not None
    assert not WebhookDelivery.objects.exists()


def test_each_subscribed_endpoint_gets_the_same_event_once() -> None:
    org = make_org()
    first = add_endpoint(org, "https://a.example/hook", now=NOW)
    second = add_endpoint(org, "https://b.example/hook", now=NOW)
    project, forecast = _at_risk(org)
    assert open_case_if_at_risk(load_project_snapshot(project), forecast, now=NOW) is not None
    deliveries = list(WebhookDelivery.objects.order_by("endpoint_id"))
    assert [d.endpoint_id for d in deliveries] == [first.pk, second.pk]
    assert deliveries[0].event_id == deliveries[1].event_id
    assert deliveries[0].payload == deliveries[1].payload


def test_no_delivery_is_written_when_the_causing_transaction_rolls_back() -> None:
    org = make_org()
    add_endpoint(org, "https://hooks.example/plazo", now=NOW)
    project, forecast = _at_risk(org)

    def open_then_fail() -> None:
        with transaction.atomic():
            assert (
                open_case_if_at_risk(load_project_snapshot(project), forecast, now=NOW) is not None
            )
            assert WebhookDelivery.objects.count() == 1
            raise RuntimeError("the caller fails after the case was opened")

    with pytest.raises(RuntimeError, match="the caller fails"):
        open_then_fail()
    assert not WebhookDelivery.objects.exists()
    assert not project.delay_cases.exists()
