"""Owners add webhook endpoints in the admin; deliveries can be read there, never changed."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from pytest_django.fixtures import Settings

from plazo.store.models import WebhookEndpoint
from plazo.store.services.webhooks.endpoints import add_endpoint, queue_ping
from tests.app.factories import NOW, make_org, make_user

pytestmark = pytest.mark.django_db


def test_an_owner_adds_an_endpoint_and_finds_its_secret_on_the_change_page() -> None:
    org = make_org()
    browser = HttpClient()
    browser.force_login(make_user(org))
    response = browser.post(
        "/admin/plazo/webhookendpoint/add/",
        {
            "organisation": org.pk,
            "url": "https://hooks.example/plazo",
            "events": ["notice.sent", "update.sent"],
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["notice.sent", "update.sent"]
    assert len(endpoint.secret) == len("whsec_") + 64
    change = browser.get(f"/admin/plazo/webhookendpoint/{endpoint.pk}/change/")
    assert endpoint.secret in change.content.decode()
    assert endpoint.secret not in browser.get("/admin/plazo/webhookendpoint/add/").content.decode()


def test_an_unknown_event_is_refused_in_the_admin() -> None:
    org = make_org()
    browser = HttpClient()
    browser.force_login(make_user(org))
    response = browser.post(
        "/admin/plazo/webhookendpoint/add/",
        {"organisation": org.pk, "url": "https://hooks.example/plazo", "events": ["notice.snet"]},
    )
    assert response.status_code == 200
    assert not WebhookEndpoint.objects.exists()


def test_a_private_address_is_refused_in_the_admin(settings: Settings) -> None:
    settings.PLAZO_WEBHOOK_ALLOW_PRIVATE = False
    org = make_org()
    browser = HttpClient()
    browser.force_login(make_user(org))
    response = browser.post(
        "/admin/plazo/webhookendpoint/add/",
        {"organisation": org.pk, "url": "http://169.254.169.254/x", "events": ["notice.sent"]},
    )
    assert response.status_code == 200
    assert "not a public address" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_deliveries_are_read_only_and_other_organisations_are_hidden() -> None:
    org = make_org()
    mine = queue_ping(add_endpoint(org, "https://hooks.example/mine", now=NOW).pk, now=NOW)
    theirs = queue_ping(add_endpoint(make_org(), "https://hooks.example/x", now=NOW).pk, now=NOW)
    browser = HttpClient()
    browser.force_login(make_user(org))
    page = browser.get(f"/admin/plazo/webhookdelivery/{mine.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert browser.get(f"/admin/plazo/webhookdelivery/{theirs.pk}/change/").status_code == 302
