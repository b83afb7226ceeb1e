"""Cancelling a project asks for an explicit tick, as *Mark delivered* does (finding outsider4
F9: one select and Save ended the promise in the ledger)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from plazo.store.models import Commitment, Project
from tests.app.factories import make_org, make_project
from tests.app.web.helpers import browser_for, promise

pytestmark = pytest.mark.django_db


def _edit_form(status: str = "active") -> tuple[HttpClient, Project, dict[str, object]]:
    org = make_org()
    project = make_project(org, status=status)
    promise(project, timezone.localdate() + timedelta(days=40))
    browser, user = browser_for(org)
    form = browser.get(reverse("web:project_edit", args=[project.pk])).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data["owner"] = user.pk
    return browser, project, data


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Tick this to cancel the project, or keep its status."),
        ("es", "Marque esta casilla para cancelar el proyecto"),
    ],
)
def test_cancelling_without_the_tick_is_refused_and_changes_nothing(
    language: str, words: str
) -> None:
    browser, project, data = _edit_form()

    response = browser.post(
        reverse("web:project_edit", args=[project.pk]),
        {**data, "status": "cancelled"},
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 200
    assert words in response.content.decode()
    project.refresh_from_db()
    assert project.status == "active"
    assert Commitment.objects.get(project=project).outcome == "pending"


def test_cancelling_with_the_tick_ends_the_promise() -> None:
    browser, project, data = _edit_form()

    response = browser.post(
        reverse("web:project_edit", args=[project.pk]),
        {**data, "status": "cancelled", "confirm_cancel": "on"},
    )

    assert response.status_code == 302, response.context["form"].errors
    project.refresh_from_db()
    assert project.status == "cancelled"
    assert Commitment.objects.get(project=project).outcome == "cancelled"


def test_other_edits_need_no_tick_and_taking_it_up_again_neither() -> None:
    browser, project, data = _edit_form()
    page = browser.get(reverse("web:project_edit", args=[project.pk])).content.decode()
    assert "To cancel: I understand" in page
    saved = browser.post(
        reverse("web:project_edit", args=[project.pk]), {**data, "name": "Tienda 2"}
    )
    assert saved.status_code == 302

    browser, cancelled, data = _edit_form(status="cancelled")
    page = browser.get(reverse("web:project_edit", args=[cancelled.pk])).content.decode()
    assert "To cancel: I understand" not in page
    again = browser.post(
        reverse("web:project_edit", args=[cancelled.pk]), {**data, "status": "active"}
    )
    assert again.status_code == 302
    cancelled.refresh_from_db()
    assert cancelled.status == "active"
