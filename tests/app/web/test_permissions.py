"""Tenants are walls on the dashboard: logins are required and other organisations' ids are 404."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client as HttpClient
from django.urls import URLPattern, reverse
from django.utils import timezone

from plazo.store.models import (
    ApiToken,
    CheckinDecision,
    Contact,
    DelayCase,
    Membership,
    Message,
    Offer,
    Project,
    StatusPage,
    WebhookEndpoint,
    WorkItem,
)
from plazo.store.services.access.status_pages import ensure_status_page
from plazo.store.services.access.tokens import create_token
from plazo.store.services.webhooks.endpoints import add_endpoint
from plazo.web import dashboard_urls
from tests.app.factories import (
    make_case,
    make_contact,
    make_item,
    make_org,
    make_project,
    make_user,
)
from tests.app.web.helpers import browser_for, send

pytestmark = pytest.mark.django_db

# Every dashboard URL that takes an id, found from the URL map so a new one cannot be forgotten.
ID_URLS = sorted(
    p.name
    for p in dashboard_urls.urlpatterns
    if isinstance(p, URLPattern)
    and p.name
    and p.pattern.converters
    and "token" not in p.pattern.converters
)
LOGIN_ONLY = [
    "portfolio",
    "outbox",
    "clients",
    "client_new",
    "project_new",
    "holiday_regions",
    "members",
    "week",
    "organisation_settings",
    "organisation_policy",
    "api_tokens",
    "webhooks",
    "import_items",
    "check",
]
# the id URLs that answer GET
PAGES = (
    "project",
    "delay_case",
    "client",
    "project_edit",
    "project_items",
    "week_preview",
    "notice_html",
    "delay_case_open",  # GET: the confirmation before a case is opened
    "member_remove",  # GET: the confirmation before someone is removed
    "webhook_delete",  # GET: the confirmation before a webhook is deleted
    "message",
    "message_html",
)
GET_ONLY = (
    "notice_html",
    "message",
    "message_html",
)  # the frame's document: a POST is 405 before any lookup


def _args(
    name: str,
    *,
    project_id: int,
    message_id: int,
    case_id: int = 0,
    client_id: int = 0,
    contact_id: int = 0,
    item_id: int = 0,
    membership_id: int = 0,
    offer_id: int = 0,
    token_id: int = 0,
    endpoint_id: int = 0,
) -> dict[str, int]:
    if name.startswith("webhook_"):
        return {"endpoint_id": endpoint_id}
    if name == "notice_html" or (name.startswith("delay_case") and name != "delay_case_open"):
        return {"case_id": case_id}
    if name in ("client", "contact_add"):
        return {"client_id": client_id}
    if name == "contact_remove":
        return {"contact_id": contact_id}
    if name.startswith("item_"):
        return {"item_id": item_id}
    if name in ("invitation_resend", "member_remove", "member_role"):
        return {"membership_id": membership_id}
    if name == "offer_step":
        return {"offer_id": offer_id}
    if name == "api_token_revoke":
        return {"token_id": token_id}
    if name == "message" or name.startswith("message_"):
        return {"message_id": message_id}
    return {"project_id": project_id}


def test_the_id_urls_are_the_ones_we_expect() -> None:
    assert ID_URLS == [
        "api_token_revoke",
        "client",
        "contact_add",
        "contact_remove",
        "delay_case",
        "delay_case_autosave",
        "delay_case_discard",
        "delay_case_open",
        "delay_case_preview",
        "invitation_resend",
        "item_done",
        "item_edit",
        "item_move",
        "item_remove",
        "item_restore",
        "member_remove",
        "member_role",
        "message",
        "message_cancel",
        "message_html",
        "message_retry",
        "notice_html",
        "offer_step",
        "project",
        "project_deliver",
        "project_edit",
        "project_items",
        "status_link_create",
        "status_link_revoke",
        "webhook_delete",
        "webhook_ping",
        "webhook_toggle",
        "week_decide",
        "week_preview",
    ]


@pytest.mark.parametrize("name", ID_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_organisations_id_is_not_found(name: str, method: str) -> None:
    theirs = make_org()
    project = make_project(theirs)
    message = send(project, state="failed")
    page = ensure_status_page(project, now=timezone.now())
    case = make_case(project)
    contact = make_contact(project.client)
    make_contact(project.client, email="second@example.com")
    item = make_item(project)
    member = Membership.objects.get(user=make_user(theirs))
    offer = Offer.objects.create(
        organisation=theirs,
        project=project,
        kind="discount",
        amount=Decimal("100"),
        currency="EUR",
        description="Descuento",
        offered_at=timezone.now(),
    )
    token = create_token(theirs, name="ci", now=timezone.now()).token
    endpoint = add_endpoint(theirs, "https://hooks.example.com/x", now=timezone.now())
    browser, _ = browser_for(make_org())
    ids = {
        "project_id": project.pk,
        "message_id": message.pk,
        "case_id": case.pk,
        "client_id": project.client_id,
        "contact_id": contact.pk,
        "item_id": item.pk,
        "membership_id": member.pk,
        "offer_id": offer.pk,
        "token_id": token.pk,
        "endpoint_id": endpoint.pk,
    }
    url = reverse(f"web:{name}", kwargs=_args(name, **ids))

    response = getattr(browser, method)(url)

    # GET on a POST-only URL (or POST on a GET-only one) is 405 before any lookup, which leaks
    # nothing; everything else must be 404.
    if method == "post" and name in GET_ONLY:
        assert response.status_code == 405
    else:
        assert response.status_code == (404 if method == "post" or name in PAGES else 405)
    assert Message.objects.get(pk=message.pk).state == "failed"
    assert StatusPage.objects.get(pk=page.pk).revoked_at is None
    assert StatusPage.objects.filter(project=project).count() == 1
    assert DelayCase.objects.get(pk=case.pk).state == "draft"
    assert DelayCase.objects.filter(project=project).count() == 1
    assert Contact.objects.filter(client=project.client).count() == 2
    unchanged = WorkItem.objects.get(pk=item.pk)
    assert (unchanged.status, unchanged.removed_on, unchanged.position) == ("todo", None, 0)
    assert not CheckinDecision.objects.exists()
    assert not Message.objects.filter(kind="invitation").exists()
    assert Offer.objects.get(pk=offer.pk).state == "offered"
    assert Project.objects.get(pk=project.pk).delivered_on is None
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert Membership.objects.get(pk=member.pk).role == "owner"
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).active
    assert not WebhookEndpoint.objects.get(pk=endpoint.pk).deliveries.exists()


@pytest.mark.parametrize("name", ID_URLS)
def test_an_id_that_does_not_exist_is_not_found_either(name: str) -> None:
    browser, _ = browser_for(make_org())
    ids = dict.fromkeys(
        (
            "project_id",
            "message_id",
            "case_id",
            "client_id",
            "contact_id",
            "item_id",
            "membership_id",
            "offer_id",
            "token_id",
            "endpoint_id",
        ),
        999_999,
    )
    url = reverse(f"web:{name}", kwargs=_args(name, **ids))
    method = browser.get if name in PAGES else browser.post
    assert method(url).status_code == 404


@pytest.mark.parametrize("name", [*LOGIN_ONLY, *ID_URLS])
def test_every_dashboard_url_needs_a_login(name: str) -> None:
    kwargs = {} if name in LOGIN_ONLY else _args(name, project_id=1, message_id=1)
    response = HttpClient().get(reverse(f"web:{name}", kwargs=kwargs))
    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("web:login"))


def test_a_person_without_an_organisation_is_told_so() -> None:
    browser = HttpClient()
    browser.force_login(make_user())
    response = browser.get("/")
    assert response.status_code == 403
    assert b"any organisation" in response.content
