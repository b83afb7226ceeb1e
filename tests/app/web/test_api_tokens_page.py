"""Settings › API tokens: owners create (secret shown once) and revoke tokens; members read."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from plazo.store.models import ApiToken, Membership
from plazo.store.services.access.tokens import create_token
from plazo.web.tenancy import SESSION_KEY
from plazo.web.views.api_tokens import NEW_TOKEN_KEY
from tests.app.api_helpers import call
from tests.app.factories import make_org, make_user
from tests.app.web.helpers import browser_as, browser_for

pytestmark = pytest.mark.django_db
URL = "/settings/api-tokens/"


def _secret(page: str) -> str:
    shown = re.findall(r'value="(plz_[^"]+)"', page)
    assert len(shown) == 1, "the secret is shown exactly once"
    return str(shown[0])


def test_the_settings_tabs_link_the_tokens() -> None:
    browser, _ = browser_for(make_org())
    assert f'href="{URL}"' in browser.get("/settings/").content.decode()


def test_an_owner_creates_a_token_that_works_and_is_shown_only_once() -> None:
    org = make_org()
    browser, owner = browser_for(org, user=make_user(first_name="María", last_name="Ferrer"))
    Membership.objects.create(organisation=org, user=owner, role="owner")

    response = browser.post(URL, {"name": "  Zapier  "})

    # Post/Redirect/Get: the answer to the POST holds no secret, so reloading repeats nothing.
    assert response.status_code == 303
    assert response["Location"] == URL
    assert "plz_" not in response.content.decode()
    shown = browser.get(URL)
    page = shown.content.decode()
    assert shown.status_code == 200
    assert "no-store" in shown["Cache-Control"]
    secret = _secret(page)
    assert "Copy it now: it is shown only this once." in page
    token = ApiToken.objects.get(organisation=org)
    assert (token.name, token.created_by, token.prefix) == ("Zapier", owner, secret[:12])
    assert call("GET", "/clients", token=secret).status_code == 200
    # Only its digest is kept: the page never shows the secret again.
    again = browser.get(URL).content.decode()
    assert secret not in again
    assert 'value="plz_' not in again
    assert f"<code>{token.prefix}…</code>" in again
    assert "(María Ferrer)" in again
    assert ">live</span>" in again


def test_reloading_after_a_creation_creates_nothing_and_hides_the_secret() -> None:
    org = make_org()
    browser, _ = browser_for(org)

    created = browser.post(URL, {"name": "Zapier"}, follow=True)
    reloaded = browser.get(created.redirect_chain[-1][0])

    assert [status for _, status in created.redirect_chain] == [303]
    secret = _secret(created.content.decode())
    assert secret not in reloaded.content.decode()
    assert ApiToken.objects.count() == 1
    assert NEW_TOKEN_KEY not in browser.session


def test_a_new_secret_is_not_shown_in_another_organisation() -> None:
    org, other = make_org(), make_org()
    browser, user = browser_for(org)
    Membership.objects.create(organisation=other, user=user, role="owner")
    browser.post(URL, {"name": "Zapier"})
    session = browser.session
    session[SESSION_KEY] = other.pk
    session.save()

    page = browser.get(URL).content.decode()

    assert 'value="plz_' not in page
    assert "Zapier" not in page


def test_the_list_shows_tokens_made_with_the_cli_and_their_last_use() -> None:
    org = make_org()
    used = create_token(org, name="ci", now=timezone.now() - timedelta(days=3))
    create_token(org, name="idle", now=timezone.now())
    create_token(make_org(), name="someone else's", now=timezone.now())
    call("GET", "/clients", token=used.secret)
    browser, _ = browser_for(org)

    page = browser.get(URL).content.decode()

    rows = re.findall(r'<tr data-token="([^"]+)">\s*<th scope="row">([^<]+)</th>', page)
    assert [name for _, name in rows] == ["idle", "ci"]  # newest first, this organisation only
    assert "someone else" not in page
    idle = page.split('data-token="', 2)[1]
    assert "never" in idle.split("</tr>")[0]
    ci = page.split(f'data-token="{used.token.prefix}"')[1].split("</tr>")[0]
    assert "never" not in ci


def test_a_token_needs_a_name() -> None:
    org = make_org()
    browser, _ = browser_for(org)
    response = browser.post(URL, {"name": "   "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_owner_revokes_a_token_and_it_stops_working_at_once() -> None:
    org = make_org()
    created = create_token(org, name="ci", now=timezone.now())
    browser, _ = browser_for(org)

    response = browser.post(f"{URL}{created.token.pk}/revoke/", follow=True)

    page = response.content.decode()
    assert "The token “ci” is revoked: it no longer works." in page
    assert "revoked on" in page
    assert call("GET", "/clients", token=created.secret).status_code == 401
    first = ApiToken.objects.get(pk=created.token.pk).revoked_at
    assert first is not None
    assert "Revoke<" not in page  # no button on a revoked token

    again = browser.post(f"{URL}{created.token.pk}/revoke/", follow=True).content.decode()
    assert "The token “ci” was already revoked." in again
    assert ApiToken.objects.get(pk=created.token.pk).revoked_at == first


def test_a_member_reads_the_list_and_changes_nothing() -> None:
    org = make_org()
    created = create_token(org, name="ci", now=timezone.now())
    browser = browser_as(org, "member")

    page = browser.get(URL).content.decode()
    assert ">ci</th>" in page
    assert created.token.prefix in page
    assert "Only an owner can create or revoke API tokens." in page
    assert "<form" not in page.split("<main", 1)[1]

    response = browser.post(URL, {"name": "mine"})
    assert response.status_code == 403
    assert 'value="plz_' not in response.content.decode()
    response = browser.post(f"{URL}{created.token.pk}/revoke/")
    assert response.status_code == 403
    assert ApiToken.objects.count() == 1
    assert ApiToken.objects.get().revoked_at is None


def test_the_page_in_spanish() -> None:
    org = make_org()
    revoked = create_token(org, name="viejo", now=timezone.now())
    browser, _ = browser_for(org)
    browser.post(f"{URL}{revoked.token.pk}/revoke/")
    browser.cookies["django_language"] = "es"

    response = browser.post(URL, {"name": "Zapier"}, follow=True)

    page = response.content.decode()
    assert [status for _, status in response.redirect_chain] == [303]
    assert "<h1>Ajustes:" in page
    assert 'aria-current="page">Tokens de la API</a>' in page
    assert "El token nuevo «Zapier»" in page
    assert "Cópielo ahora: solo se muestra esta vez." in page
    assert ">activo</span>" in page
    assert "revocado el " in page
    assert "Para qué es el token" in page
    assert "nunca" in page


def test_the_forms_need_the_csrf_token() -> None:
    org = make_org()
    created = create_token(org, name="ci", now=timezone.now())
    browser, _ = browser_for(org, csrf=True)
    assert browser.post(URL, {"name": "x"}).status_code == 403
    assert browser.post(f"{URL}{created.token.pk}/revoke/").status_code == 403
    page = browser.get(URL).content.decode()
    for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", page, flags=re.S):
        assert "csrfmiddlewaretoken" in form
    assert ApiToken.objects.count() == 1
    assert ApiToken.objects.get().revoked_at is None
