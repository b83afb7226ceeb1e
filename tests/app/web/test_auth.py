"""Logging in and out with plazo's own pages, and switching organisations."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient

from tests.app.factories import make_org, make_project, make_user
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db


def test_the_login_page_is_plazos_own() -> None:
    make_org()
    response = HttpClient().get("/login/")
    assert response.status_code == 200
    assert b'id="id_username"' in response.content
    assert b"/admin/" not in response.content


def test_before_any_organisation_the_login_page_leads_to_the_first_run_form() -> None:
    response = HttpClient().get("/login/")
    assert response.status_code == 302
    assert response["Location"] == "/setup/"


def test_logging_in_lands_on_the_portfolio() -> None:
    user = make_user(make_org())
    response = HttpClient().post("/login/", {"username": user.username, "password": "pw-for-tests"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_wrong_password_says_so_without_saying_which_part_was_wrong() -> None:
    user = make_user(make_org())
    response = HttpClient().post("/login/", {"username": user.username, "password": "nope"})
    assert response.status_code == 200
    assert b"do not match" in response.content


def test_logging_out_is_a_post_and_ends_the_session() -> None:
    browser, _ = browser_for(make_org())
    response = browser.post("/logout/")
    assert response.status_code == 302
    assert browser.get("/").status_code == 302


def test_the_first_membership_is_the_default_organisation() -> None:
    first, second = make_org(name="Primera"), make_org(name="Segunda")
    make_project(first, name="Del primero")
    make_project(second, name="Del segundo")
    browser, user = browser_for(first)
    user.memberships.create(organisation=second, role="member")

    page = browser.get("/").content.decode()

    assert "Del primero" in page
    assert "Del segundo" not in page


def test_switching_shows_the_other_organisations_projects_only() -> None:
    first, second = make_org(), make_org()
    make_project(first, name="Del primero")
    make_project(second, name="Del segundo")
    browser, user = browser_for(first)
    user.memberships.create(organisation=second, role="member")

    response = browser.post("/organisation/", {"organisation": second.pk})
    page = browser.get("/").content.decode()

    assert response.status_code == 302
    assert "Del segundo" in page
    assert "Del primero" not in page


def test_switching_to_an_organisation_one_does_not_belong_to_is_not_found() -> None:
    mine, theirs = make_org(), make_org()
    make_project(mine, name="Mío")
    browser, _ = browser_for(mine)

    assert browser.post("/organisation/", {"organisation": theirs.pk}).status_code == 404
    assert browser.post("/organisation/", {"organisation": "x"}).status_code == 404
    assert "Mío" in browser.get("/").content.decode()


def test_the_switcher_shows_only_when_there_is_a_choice() -> None:
    first, second = make_org(name="Primera"), make_org(name="Segunda")
    browser, user = browser_for(first)
    assert b'name="organisation"' not in browser.get("/").content
    user.memberships.create(organisation=second, role="member")
    assert b'name="organisation"' in browser.get("/").content
