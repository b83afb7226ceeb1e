"""404 and 500 are plazo's own pages, in the reader's language (M16)."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from tests.app.factories import make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Page not found"), ("es", "Página no encontrada")]
)
def test_an_unknown_address_gets_a_styled_translated_404(language: str, heading: str) -> None:
    response = HttpClient().get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    body = response.content.decode()
    assert response.status_code == 404
    assert heading in body
    assert "plazo/plazo.css" in body
    assert "The requested resource was not found" not in body


def test_another_organisations_project_is_the_same_styled_404_with_the_navigation() -> None:
    mine, theirs = make_org(), make_org()
    project = make_project(theirs)
    response = browser_for(mine)[0].get(f"/projects/{project.pk}/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in body
    assert 'href="/"' in body  # a way back to the portfolio


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Something went wrong"), ("es", "Algo ha fallado")]
)
def test_a_server_error_is_a_styled_translated_500(language: str, heading: str) -> None:
    request = RequestFactory().get("/")
    with translation.override(language):
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert heading in body
    assert "plazo/plazo.css" in body
    assert f'lang="{language}"' in body
