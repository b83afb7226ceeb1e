"""``POST /api/check`` runs the message checker and answers DESIGN §5's JSON."""

from __future__ import annotations

import pytest

from tests.app.api_helpers import call, token_for
from tests.app.factories import make_org
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db


def test_a_message_is_checked() -> None:
    text = "Sentimos mucho el retraso. La nueva fecha de entrega es el 15 de enero."
    response = call(
        "POST", "/check", token=token_for(make_org()), body={"text": text, "lang": "es"}
    )
    assert response.status_code == 200, response.content
    report = response.json()
    assert report["lang"] == "es"
    assert 0 <= report["score"] <= 100
    assert set(report["elements"]) == {
        "apology", "impact", "assurance", "new_date", "cause", "plan", "compensation",
    }  # fmt: skip


def test_unusable_text_is_422_in_the_error_shape() -> None:
    response = call("POST", "/check", token=token_for(make_org()), body={"text": ""})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def test_checking_needs_a_token() -> None:
    assert call("POST", "/check", body={"text": "Sorry"}).status_code == 401


def test_a_logged_in_browser_session_is_not_an_api_credential_for_check_or_anything_else() -> None:
    """The API takes tokens only (docs/api.md): /api/check is no exception, even with the
    session cookie and its CSRF token; the dashboard's /check/ runs the same checker."""
    browser, _ = browser_for(make_org(), csrf=True)
    browser.get("/check/")
    csrf = browser.cookies["csrftoken"].value
    checked = browser.post(
        "/api/check", {"text": "Sorry"}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert checked.status_code == 401
    assert browser.get("/api/projects").status_code == 401
    page = browser.post("/check/", {"text": "Sorry", "lang": "en", "csrfmiddlewaretoken": csrf})
    assert page.status_code == 200
