"""Every form is protected against cross-site requests, and hostile text is shown, not run."""

from __future__ import annotations

import re

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.store.models import Message, StatusPage
from plazo.store.services.access.status_pages import ensure_status_page
from tests.app.factories import make_client, make_item, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, send

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script>'


def _post_urls(project_id: int, message_id: int) -> list[tuple[str, dict[str, object]]]:
    return [
        (f"/outbox/{message_id}/retry/", {}),
        (f"/outbox/{message_id}/cancel/", {}),
        (f"/projects/{project_id}/status-link/", {}),
        (f"/projects/{project_id}/status-link/revoke/", {}),
        ("/organisation/", {"organisation": 1}),
        ("/logout/", {}),
        ("/i18n/setlang/", {"language": "es"}),
    ]


def test_every_post_without_a_csrf_token_is_refused() -> None:
    org = make_org()
    project = make_project(org)
    message = send(project, state="failed", sent_at=None)
    browser, _ = browser_for(org, csrf=True)
    for url, data in _post_urls(project.pk, message.pk):
        assert browser.post(url, data).status_code == 403, url
    assert Message.objects.get(pk=message.pk).state == "failed"
    assert not StatusPage.objects.exists()
    assert (
        HttpClient(enforce_csrf_checks=True)
        .post("/login/", {"username": "a", "password": "b"})
        .status_code
        == 403
    )


def test_every_form_on_the_pages_carries_a_csrf_token() -> None:
    org = make_org()
    project = make_project(org)
    send(project, state="failed", sent_at=None)
    browser, _ = browser_for(org, csrf=True)
    for url in ("/", f"/projects/{project.pk}/", "/outbox/"):
        page = browser.get(url).content.decode()
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", page, flags=re.S):
            assert "csrfmiddlewaretoken" in form, (url, form[:200])


def test_a_post_with_the_pages_token_goes_through() -> None:
    org = make_org()
    message = send(make_project(org), state="failed", sent_at=None)
    browser, _ = browser_for(org, csrf=True)
    page = browser.get("/outbox/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None

    response = browser.post(f"/outbox/{message.pk}/retry/", {"csrfmiddlewaretoken": token[1]})

    assert response.status_code == 302
    assert Message.objects.get(pk=message.pk).state == "queued"


def test_hostile_names_and_texts_are_escaped_everywhere() -> None:
    org = make_org()
    client = make_client(org, name=f"Cliente {HOSTILE}")
    project = make_project(org, client, name=f"Proyecto {HOSTILE}", stake=HOSTILE)
    make_item(project, title=HOSTILE)
    make_forecast(project)
    send(project, subject=HOSTILE, text=f"Hola {HOSTILE}")
    send(project, subject=HOSTILE, state="failed", sent_at=None, last_error=HOSTILE)
    page = ensure_status_page(project, now=timezone.now())
    browser, _ = browser_for(org)
    for url in ("/", f"/projects/{project.pk}/", "/outbox/", f"/s/{page.token}/"):
        body = browser.get(url).content.decode()
        assert "<script>alert" not in body, url
        assert "&lt;script&gt;alert" in body, url
