"""Settings › Webhooks: owners add (secret shown once), pause, ping and delete endpoints and read
their last deliveries; members and other organisations are kept out."""

from __future__ import annotations

import re
import uuid

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from plazo.store.models import WebhookDelivery, WebhookEndpoint
from plazo.store.services.webhooks.endpoints import add_endpoint
from tests.app.factories import make_org
from tests.app.web.helpers import browser_as, browser_for

pytestmark = pytest.mark.django_db
URL = "/settings/webhooks/"
HOOK = "https://hooks.example.com/plazo"


def test_the_settings_tabs_link_the_webhooks_next_to_the_api_tokens() -> None:
    browser, _ = browser_for(make_org())
    page = browser.get("/settings/api-tokens/").content.decode()
    assert page.index('href="/settings/api-tokens/"') < page.index(f'href="{URL}"')


def test_an_invited_owner_adds_a_webhook_and_sees_its_secret_only_once() -> None:
    org = make_org()
    # Invited through the dashboard: no staff flag, no superuser, so no admin.
    browser = browser_as(org, "owner", is_staff=False)
    assert browser.get("/admin/").status_code == 302  # the admin is not theirs; this page is

    response = browser.post(URL, {"url": HOOK, "events": ["notice.sent", "update.sent"]})

    assert response.status_code == 303
    assert response["Location"] == URL
    endpoint = WebhookEndpoint.objects.get(organisation=org)
    assert endpoint.secret not in response.content.decode()
    assert (endpoint.url, endpoint.events, endpoint.active) == (
        HOOK,
        ["notice.sent", "update.sent"],
        True,
    )
    shown = browser.get(URL)
    assert "no-store" in shown["Cache-Control"]
    page = shown.content.decode()
    assert re.findall(r'value="(whsec_[0-9a-f]+)"', page) == [endpoint.secret]
    assert "a delay notice was sent, a weekly update was sent" in page
    again = browser.get(URL).content.decode()
    assert endpoint.secret not in again
    assert HOOK in again


def test_a_bad_or_private_url_and_no_events_are_refused_in_words(
    settings: Settings,
) -> None:
    settings.PLAZO_WEBHOOK_ALLOW_PRIVATE = False
    org = make_org()
    browser, _ = browser_for(org)

    private = browser.post(URL, {"url": "http://127.0.0.1:8099/", "events": ["update.sent"]})
    none = browser.post(URL, {"url": HOOK})

    assert private.status_code == 422
    assert "on a private network (127.0.0.1)" in private.content.decode()
    assert "PLAZO_WEBHOOK_ALLOW_PRIVATE=1" in private.content.decode()
    assert none.status_code == 422
    assert "Choose at least one event." in none.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_an_owner_pauses_resumes_pings_and_reads_the_last_deliveries() -> None:
    org = make_org()
    browser, _ = browser_for(org)
    endpoint = add_endpoint(org, HOOK, now=timezone.now())
    WebhookDelivery.objects.create(
        organisation=org,
        endpoint=endpoint,
        event="update.sent",
        event_id=uuid.uuid4(),
        payload={},
        state="failed",
        attempts=1,
        last_status=410,
        last_error="HTTP 410 Gone",
        created_at=timezone.now(),
    )

    paused = browser.post(f"{URL}{endpoint.pk}/pause/", {"active": "0"})
    endpoint.refresh_from_db()
    assert paused.status_code == 303
    assert endpoint.active is False
    browser.post(f"{URL}{endpoint.pk}/pause/", {"active": "1"})
    endpoint.refresh_from_db()
    assert endpoint.active is True
    browser.post(f"{URL}{endpoint.pk}/ping/")

    page = browser.get(URL).content.decode()
    assert WebhookDelivery.objects.filter(endpoint=endpoint, event="ping").count() == 1
    assert "a test ping" in page
    assert "HTTP 410" in page
    assert "HTTP 410 Gone" in page
    assert ">failed</span>" in page
    assert ">queued</span>" in page


def test_deleting_asks_first_then_removes_the_endpoint() -> None:
    org = make_org()
    browser, _ = browser_for(org)
    endpoint = add_endpoint(org, HOOK, now=timezone.now())

    asked = browser.get(f"{URL}{endpoint.pk}/delete/")
    assert asked.status_code == 200
    assert "Delete the webhook?" in asked.content.decode()
    assert WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()

    deleted = browser.post(f"{URL}{endpoint.pk}/delete/")
    assert deleted.status_code == 303
    assert not WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()


def test_a_member_is_refused_and_changes_nothing() -> None:
    org = make_org()
    endpoint = add_endpoint(org, HOOK, now=timezone.now())
    member = browser_as(org, "member")

    page = member.get(URL)
    assert page.status_code == 403
    assert endpoint.secret not in page.content.decode()
    assert HOOK not in page.content.decode()
    assert member.post(URL, {"url": HOOK + "2", "events": ["update.sent"]}).status_code == 403
    assert member.post(f"{URL}{endpoint.pk}/pause/", {"active": "0"}).status_code == 403
    assert member.post(f"{URL}{endpoint.pk}/delete/").status_code == 403
    assert list(WebhookEndpoint.objects.values_list("url", "active")) == [(HOOK, True)]


def test_another_organisations_webhook_is_a_404() -> None:
    theirs = add_endpoint(make_org(), HOOK, now=timezone.now())
    browser, _ = browser_for(make_org())

    for action in ("pause/", "ping/", "delete/"):
        assert browser.post(f"{URL}{theirs.pk}/{action}", {"active": "0"}).status_code == 404
    assert browser.get(f"{URL}{theirs.pk}/delete/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.active is True
    assert HOOK not in browser.get(URL).content.decode()
