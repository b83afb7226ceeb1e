"""Small things a newcomer meets first: the icon, an empty portfolio, a client date too early."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.store.models import Project
from tests.app.factories import make_client, make_org, make_project
from tests.app.web.helpers import browser_for
from tests.app.web.test_studio_editing import _new_project, _studio_browser

pytestmark = pytest.mark.django_db
TOO_EARLY = "before the promised date"


def test_the_favicon_is_served_and_linked() -> None:
    response = HttpClient().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/plazo/favicon.ico"
    browser, _ = browser_for(make_org())
    page = browser.get("/").content.decode()
    assert '<link rel="icon" href="/static/plazo/favicon.ico"' in page


def test_an_empty_portfolio_says_to_add_a_client_first() -> None:
    browser, _ = browser_for(make_org())
    page = browser.get("/").content.decode()
    assert 'data-testid="first-run"' in page
    assert "Add your first client" in page
    assert 'href="/clients/new/"' in page
    assert "No active project matches." not in page


def test_with_a_client_and_no_project_it_says_to_add_a_project() -> None:
    org = make_org()
    make_client(org)
    browser, _ = browser_for(org)
    page = browser.get("/").content.decode()
    assert "No active project yet" in page
    assert 'href="/projects/new/"' in page


def test_a_filter_that_matches_nothing_says_so_and_offers_every_project() -> None:
    org = make_org()
    make_project(org, name="Tienda")
    browser, _ = browser_for(org)
    page = browser.get("/", {"q": "nada de esto"}).content.decode()
    assert "No active project matches." in page
    assert "Show every project" in page
    assert 'data-testid="first-run"' not in page


def test_a_client_date_before_the_promise_is_saved_with_a_warning() -> None:
    browser, org = _studio_browser()
    today = timezone.localdate()
    project = _new_project(
        browser,
        make_client(org),
        promised_on=(today + timedelta(days=28)).isoformat(),
        stake_on=(today + timedelta(days=20)).isoformat(),
    )
    page = browser.get(f"/projects/{project.pk}/items/").content.decode()
    assert TOO_EARLY in page
    assert Project.objects.get(pk=project.pk).stake_on == today + timedelta(days=20)


def test_a_client_date_after_the_promise_needs_no_warning() -> None:
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org))  # stake a week after the promise
    page = browser.get(f"/projects/{project.pk}/items/").content.decode()
    assert TOO_EARLY not in page


def test_editing_the_client_date_to_before_the_promise_warns() -> None:
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org))
    form = browser.get(f"/projects/{project.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["stake_on"] = (project.promised_on - timedelta(days=3)).isoformat()  # type: ignore[operator]
    for name in ("start_on", "promised_on"):
        data[name] = data[name].isoformat()
    response = browser.post(f"/projects/{project.pk}/edit/", data, follow=True)
    assert response.redirect_chain, response.context["form"].errors
    assert TOO_EARLY in response.content.decode()
