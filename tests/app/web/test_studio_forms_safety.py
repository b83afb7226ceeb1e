"""The editing pages and this week: every POST needs a CSRF token, every form carries one, and
hostile names are shown, not run."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.store.models import (
    CheckinDecision,
    Client,
    Membership,
    Organisation,
    Project,
    WorkItem,
)
from tests.app.factories import make_client, make_contact, make_item, make_org, make_project
from tests.app.web.helpers import browser_for, promise

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script>'


def _studio() -> tuple[Organisation, Project, WorkItem]:
    org = make_org()
    client = make_client(org, name=f"Cliente {HOSTILE}")
    make_contact(client)
    make_contact(client, email="dos@example.com")
    project = make_project(org, client=client, name=f"Proyecto {HOSTILE}")
    promise(project, timezone.localdate() + timedelta(days=30))
    item = make_item(project, title=f"Tarea {HOSTILE}")
    return org, project, item


def test_every_new_post_without_a_csrf_token_is_refused() -> None:
    org, project, item = _studio()
    browser, _ = browser_for(org, csrf=True)
    contact = project.client.contacts.first()
    assert contact is not None
    urls = [
        ("/clients/new/", {"name": "X", "contact_email": "x@example.com", "register": "formal"}),
        (f"/clients/{project.client_id}/", {"name": "Y"}),
        (f"/clients/{project.client_id}/contacts/", {"email": "z@example.com"}),
        (f"/contacts/{contact.pk}/remove/", {}),
        ("/projects/new/", {"name": "Nuevo"}),
        (f"/projects/{project.pk}/edit/", {"name": "Otro"}),
        (f"/projects/{project.pk}/items/", {"lines": "A, 2h"}),
        (f"/projects/{project.pk}/delay-case/", {}),
        (f"/items/{item.pk}/", {"estimate_hours": "3", "status": "doing"}),
        (f"/items/{item.pk}/done/", {"completed_on": timezone.localdate().isoformat()}),
        (f"/items/{item.pk}/move/", {"direction": "down"}),
        (f"/items/{item.pk}/remove/", {}),
        ("/members/", {"email": "nuevo@example.com", "role": "owner"}),
        (f"/week/{project.pk}/decide/", {"decision": "hold"}),
    ]
    for url, data in urls:
        assert browser.post(url, data).status_code == 403, url
    assert HttpClient(enforce_csrf_checks=True).post("/setup/", {}).status_code == 403
    assert Client.objects.count() == 1
    assert WorkItem.objects.get(pk=item.pk).status == "todo"
    assert not CheckinDecision.objects.exists()
    assert Membership.objects.count() == 1


def test_every_form_on_the_new_pages_carries_a_csrf_token_and_names_are_escaped() -> None:
    org, project, _ = _studio()
    browser, _ = browser_for(org)
    pages = [
        "/clients/",
        "/clients/new/",
        f"/clients/{project.client_id}/",
        "/projects/new/",
        f"/projects/{project.pk}/edit/",
        f"/projects/{project.pk}/items/",
        "/members/",
        "/week/",
        f"/projects/{project.pk}/",
    ]
    for url in pages:
        response = browser.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert HOSTILE not in page, url
        forms = re.findall(r"<form[^>]*method=\"post\".*?</form>", page, flags=re.S)
        for form in forms:
            assert "csrfmiddlewaretoken" in form, (url, form[:200])
    assert "&lt;script&gt;" in browser.get("/week/").content.decode()


def test_the_weeks_preview_works_without_javascript() -> None:
    org, project, _ = _studio()
    browser, _ = browser_for(org)
    redirect = browser.get(f"/week/{project.pk}/preview/")
    assert redirect.status_code == 302
    assert redirect["Location"] == f"/week/?preview={project.pk}"
    page = browser.get(redirect["Location"]).content.decode()
    assert 'class="mail-text"' in page
