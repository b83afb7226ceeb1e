"""In headless Chromium: a work item's error appears under its row and takes the focus (htmx);
the webhooks, members and work-items pages fit a 375 px phone; a settings tick box sits on its
label's line."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from plazo.store.models import Organisation, Project, WebhookDelivery
from plazo.store.services.access.members import invite_member
from plazo.store.services.webhooks.endpoints import add_endpoint
from tests.app.factories import make_item, make_org, make_project, make_user
from tests.e2e.browser import needs_chromium, screenshot

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
PASSWORD = "pw-for-tests"


def _studio() -> tuple[Organisation, Project, str, int]:
    org = make_org(name="Pixel & Thread Ltd")
    owner = make_user(org, email="priya@pixel.example", first_name="Priya")
    project = make_project(org, name="Museum website rebuild")
    for n in range(1, 8):
        make_item(project, title=f"Task number {n} with a fairly long title", position=n)
    invite_member(org, "tom@pixel.example", role="owner", now=timezone.now(), name="Tom Hall")
    hook = "https://hooks.example.com/a/very/long/path/for/plazo/events"
    endpoint = add_endpoint(org, hook, now=timezone.now())
    WebhookDelivery.objects.create(
        organisation=org, endpoint=endpoint, event="update.sent", event_id=uuid.uuid4(),
        payload={}, state="retry", attempts=3, last_status=503,
        last_error="HTTP 503 Service Unavailable", created_at=timezone.now(),
    )  # fmt: skip
    return org, project, owner.get_username(), endpoint.pk


def _log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}/")


def test_a_rows_error_appears_under_the_row_and_takes_the_focus(
    browser: Any, live_server: Any
) -> None:
    _, project, username, _ = _studio()
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="en-GB")
    _log_in(page, live_server.url, username)
    page.goto(f"{live_server.url}/projects/{project.pk}/items/")
    row = page.locator("tr[data-item]").nth(5)
    item_id = row.get_attribute("data-item")
    future = (timezone.localdate() + timedelta(days=5)).isoformat()
    # The date input's max stops a person from picking a future day; a stale page may not.
    row.locator("input[type=date]").evaluate(
        f"(el) => {{ el.removeAttribute('max'); el.value = '{future}'; }}"
    )
    row.locator(".done-form button").click()

    error = page.locator(f"#item-{item_id}-error")
    error.wait_for()
    assert "A task cannot be done in the future." in error.inner_text()
    # the focus moves once the swap settles, a moment after the error shows: wait for it
    page.wait_for_function(
        "(id) => document.activeElement !== null && document.activeElement.id === id",
        arg=f"item-{item_id}-error",
    )
    assert page.evaluate("document.activeElement.id") == f"item-{item_id}-error"
    # Right under its row, and not also in a banner above the quick add.
    follows = page.evaluate(
        f"document.getElementById('item-{item_id}').nextElementSibling.dataset.errorFor"
    )
    assert follows == item_id
    assert page.locator("#items > p.error").count() == 0
    screenshot(page, "row-error-desktop.png")


def test_the_new_pages_fit_a_phone(browser: Any, live_server: Any) -> None:
    org, project, username, endpoint_id = _studio()
    page = browser.new_page(viewport=PHONE, locale="en-GB", is_mobile=True, has_touch=True)
    _log_in(page, live_server.url, username)
    tom = org.memberships.get(user__email="tom@pixel.example")
    paths = [
        "/settings/webhooks/",
        f"/settings/webhooks/{endpoint_id}/delete/",
        "/settings/import/",
        "/members/",
        f"/members/{tom.pk}/remove/",
        f"/projects/{project.pk}/items/",
    ]
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        fits = page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
        assert fits, f"{path} scrolls sideways at 375 px"
        screenshot(page, f"phone-{path.strip('/').replace('/', '-')}.png")


def test_a_title_is_renamed_on_a_phone(browser: Any, live_server: Any) -> None:
    _, project, username, _ = _studio()
    page = browser.new_page(viewport=PHONE, locale="en-GB", is_mobile=True, has_touch=True)
    _log_in(page, live_server.url, username)
    page.goto(f"{live_server.url}/projects/{project.pk}/items/")
    row = page.locator("tr[data-item]").first
    item_id = row.get_attribute("data-item")
    row.locator("details.rename summary").click()
    row.locator(f"#title-{item_id}").fill("Content migration")
    row.locator("details.rename button").click()
    page.wait_for_selector(f"#item-{item_id} th:has-text('Content migration')")
    assert project.work_items.get(pk=item_id).title == "Content migration"
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE])
def test_a_settings_tick_box_sits_on_its_labels_line(
    browser: Any, live_server: Any, viewport: dict[str, int]
) -> None:
    _, _, username, _ = _studio()
    page = browser.new_page(viewport=viewport, locale="en-GB")
    _log_in(page, live_server.url, username)
    page.goto(f"{live_server.url}/settings/")
    box = page.locator("form.edit .check-field input[type=checkbox]").first.bounding_box()
    label = page.locator("form.edit .check-field label").first
    line = label.bounding_box()
    assert box is not None
    assert line is not None
    assert box["x"] + box["width"] <= line["x"]  # beside it, not above it
    assert box["y"] < line["y"] + line["height"]
    assert line["y"] < box["y"] + box["height"]
    assert not label.inner_text().endswith(":")
