"""Removing a member: their sessions in the organisation end, the organisation's API tokens they
created stop working, and someone who belongs nowhere else can no longer log in (and is told so)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.store.models import ApiToken, Membership, Organisation
from plazo.store.services.access.members import invite_member, remove_member
from plazo.store.services.access.tokens import create_token
from tests.app.api_helpers import call
from tests.app.factories import make_org, make_user
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests"
CLOSED = "Your account is closed: you no longer belong to any organisation."


def _member(org: Organisation, email: str = "tom@studio.example") -> tuple[User, Membership]:
    user = make_user(email=email)
    membership = Membership.objects.create(organisation=org, user=user, role="member")
    return user, membership


def _logged_in(user: User) -> HttpClient:
    browser = HttpClient()
    logged_in = browser.post("/login/", {"username": user.email, "password": PASSWORD})
    assert logged_in.status_code == 302
    assert browser.get("/").status_code == 200
    return browser


def _remove(org: Organisation, membership: Membership) -> None:
    owner, _ = browser_for(org)
    response = owner.post(f"/members/{membership.pk}/remove/", follow=True)
    assert response.status_code == 200


def test_someone_who_belongs_nowhere_else_can_no_longer_log_in_and_is_told_why() -> None:
    org = make_org(name="Estudio Lumbre")
    tom, membership = _member(org)
    session = _logged_in(tom)
    token = create_token(org, name="Tom's script", now=timezone.now(), created_by=tom).secret
    assert call("GET", "/projects", token=token).status_code == 200

    _remove(org, membership)

    tom.refresh_from_db()
    assert tom.is_active is False
    assert session.get("/").status_code == 302  # the session ended with the account
    assert call("GET", "/projects", token=token).status_code == 401
    assert ApiToken.objects.get(created_by=tom).revoked_at is not None

    refused = HttpClient().post("/login/", {"username": tom.email, "password": PASSWORD})
    assert refused.status_code == 200
    assert CLOSED in refused.content.decode()
    spanish = HttpClient().post(
        "/login/", {"username": tom.username, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="es"
    )
    assert "Su cuenta está cerrada: ya no pertenece a ninguna organización." in (
        spanish.content.decode()
    )
    wrong = HttpClient().post("/login/", {"username": tom.email, "password": "not it"})
    assert CLOSED not in wrong.content.decode()  # no word about the account without its password
    assert "do not match" in wrong.content.decode()


def test_someone_who_belongs_elsewhere_keeps_their_account_but_not_this_session() -> None:
    org, other = make_org(name="Estudio Lumbre"), make_org(name="Taller Norte")
    tom, membership = _member(org)
    Membership.objects.create(organisation=other, user=tom, role="member")
    session = _logged_in(tom)
    assert session.post("/organisation/", {"organisation": org.pk}).status_code == 302
    here = create_token(org, name="here", now=timezone.now(), created_by=tom).secret
    there = create_token(other, name="there", now=timezone.now(), created_by=tom).secret

    _remove(org, membership)

    tom.refresh_from_db()
    assert tom.is_active is True
    ended = session.get("/", follow=True)
    assert ended.redirect_chain[-1][0].startswith("/login/")
    assert "You are no longer a member of Estudio Lumbre" in ended.content.decode()
    assert call("GET", "/projects", token=here).status_code == 401
    assert call("GET", "/projects", token=there).status_code == 200

    again = _logged_in(tom)  # logs in again, and works where they still belong
    assert "Taller Norte" in again.get("/").content.decode()


def test_a_session_in_the_other_organisation_goes_on() -> None:
    org, other = make_org(name="Estudio Lumbre"), make_org(name="Taller Norte")
    tom, membership = _member(org)
    Membership.objects.create(organisation=other, user=tom, role="member")
    session = _logged_in(tom)
    assert session.post("/organisation/", {"organisation": other.pk}).status_code == 302

    _remove(org, membership)

    assert session.get("/").status_code == 200


def test_the_confirmation_says_what_goes_with_the_membership() -> None:
    org = make_org()
    tom, membership = _member(org)
    create_token(org, name="script", now=timezone.now(), created_by=tom)
    owner, _ = browser_for(org)
    page = owner.get(f"/members/{membership.pk}/remove/").content.decode()
    assert "their account is closed as well: they can no longer log in" in page
    assert "1 API token they created for this organisation is revoked" in page
    Membership.objects.create(organisation=make_org(), user=tom, role="member")
    page = owner.get(f"/members/{membership.pk}/remove/").content.decode()
    assert "Their account stays, with the other organisations they belong to" in page


def test_inviting_a_removed_person_again_opens_their_account() -> None:
    org = make_org()
    tom, membership = _member(org)
    remove_member(org, membership.pk, now=timezone.now())
    tom.refresh_from_db()
    assert tom.is_active is False
    invite_member(org, tom.email, role="member", now=timezone.now())
    tom.refresh_from_db()
    assert tom.is_active is True
    assert _logged_in(tom).get("/").status_code == 200
