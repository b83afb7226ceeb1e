"""Members: the invitee's name, whose one-time link the page shows, changing a role and removing
someone (never the last owner; a confirmation first; only this organisation's members)."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.store.models import Membership, Message, Organisation
from plazo.store.services.access.members import invite_member
from tests.app.factories import make_org, make_project, make_user
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db
URL = "/members/"


def _owner(org: Organisation) -> tuple[HttpClient, Membership]:
    browser, user = browser_for(org, user=make_user(org, first_name="Priya", email="p@x.example"))
    return browser, Membership.objects.get(organisation=org, user=user)


def _join(org: Organisation, email: str, role: str = "member") -> Membership:
    return invite_member(org, email, role=role, now=timezone.now()).membership


def test_the_invitee_s_name_is_kept_and_the_link_says_whose_it_is() -> None:
    org = make_org()
    browser, _ = _owner(org)

    page = browser.post(
        URL, {"name": " Aisha  Khan ", "email": "aisha@pixel.example", "role": "member"}
    ).content.decode()

    user = Membership.objects.get(organisation=org, user__email="aisha@pixel.example").user
    assert (user.first_name, user.last_name) == ("Aisha", "Khan")
    assert "If the e-mail does not arrive, send Aisha Khan (aisha@pixel.example) this link" in page
    assert '<th scope="row">Aisha Khan</th>' in page
    assert "An owner can also invite people" in page  # the role is explained


def test_the_name_is_optional_and_the_link_then_names_the_address() -> None:
    browser, _ = _owner(make_org())
    page = browser.post(URL, {"email": "tom@pixel.example", "role": "owner"}).content.decode()
    assert "send tom@pixel.example this link" in page


def test_an_owner_changes_a_role_both_ways() -> None:
    org = make_org()
    browser, _ = _owner(org)
    tom = _join(org, "tom@pixel.example")

    made = browser.post(f"{URL}{tom.pk}/role/", {"role": "owner"}, follow=True)
    tom.refresh_from_db()
    assert tom.role == "owner"
    assert "tom@pixel.example is now an owner." in made.content.decode()
    browser.post(f"{URL}{tom.pk}/role/", {"role": "member"})
    tom.refresh_from_db()
    assert tom.role == "member"


def test_the_last_owner_can_be_neither_demoted_nor_removed() -> None:
    org = make_org()
    browser, me = _owner(org)

    demoted = browser.post(f"{URL}{me.pk}/role/", {"role": "member"}, follow=True)
    removed = browser.post(f"{URL}{me.pk}/remove/", follow=True)

    me.refresh_from_db()
    assert me.role == "owner"
    assert "is the only owner. Make someone else an owner first" in demoted.content.decode()
    assert "is the only owner" in removed.content.decode()


def test_removing_asks_first_then_removes_cancels_the_invitation_and_hands_over_projects() -> None:
    org = make_org()
    browser, me = _owner(org)
    tom = _join(org, "tom@pixel.example")
    project = make_project(org, owner=tom.user)

    asked = browser.get(f"{URL}{tom.pk}/remove/")
    assert asked.status_code == 200
    assert "Remove tom@pixel.example?" in asked.content.decode()
    assert "The project they own, and its alerts, pass to you." in asked.content.decode()
    assert Membership.objects.filter(pk=tom.pk).exists()

    done = browser.post(f"{URL}{tom.pk}/remove/", follow=True)

    assert not Membership.objects.filter(pk=tom.pk).exists()
    assert "tom@pixel.example is no longer in" in done.content.decode()
    project.refresh_from_db()
    assert project.owner == me.user
    invitation = Message.objects.get(idempotency_key=f"invitation:{tom.pk}")
    assert invitation.state == "cancelled"
    assert tom.user.__class__.objects.filter(pk=tom.user_id).exists()  # the account stays


def test_a_member_changes_nothing() -> None:
    org = make_org()
    _owner(org)
    aisha = _join(org, "aisha@pixel.example")
    tom = _join(org, "tom@pixel.example")
    member = HttpClient()
    member.force_login(aisha.user)

    page = member.get(URL).content.decode()
    member.post(f"{URL}{tom.pk}/role/", {"role": "owner"})
    member.post(f"{URL}{tom.pk}/remove/")

    assert f"{URL}{tom.pk}/remove/" not in page
    tom.refresh_from_db()
    assert tom.role == "member"


def test_another_organisations_member_is_a_404() -> None:
    theirs = _join(make_org(), "someone@else.example")
    browser, _ = _owner(make_org())

    assert browser.post(f"{URL}{theirs.pk}/role/", {"role": "owner"}).status_code == 404
    assert browser.get(f"{URL}{theirs.pk}/remove/").status_code == 404
    assert browser.post(f"{URL}{theirs.pk}/remove/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.role == "member"
