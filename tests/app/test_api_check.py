"""``POST /api/check`` runs the message checker and answers DESIGN §5's JSON."""

from __future__ import annotations

import pytest

from tests.app.api_helpers import call, token_for
from tests.app.factories import make_org

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
