"""Bad requests get a 4xx in one error shape, never a 500."""

from __future__ import annotations

import pytest

from plazo.api.auth import MAX_BODY_BYTES
from plazo.store.models import Client
from tests.app.api_helpers import call, token_for
from tests.app.factories import make_org

pytestmark = pytest.mark.django_db


def _assert_error_shape(body: dict[str, object]) -> None:
    assert set(body) == {"error"}
    error = body["error"]
    assert isinstance(error, dict)
    assert set(error) == {"code", "message", "details"}


def test_an_unknown_field_is_refused() -> None:
    org = make_org()
    response = call(
        "POST", "/clients", token=token_for(org), body={"name": "Acme", "colour": "red"}
    )
    assert response.status_code == 422
    _assert_error_shape(response.json())
    assert response.json()["error"]["details"][0]["field"] == "body.colour"
    assert not Client.objects.exists()


def test_wrong_types_are_422_with_the_field() -> None:
    org = make_org()
    response = call(
        "POST",
        "/projects",
        token=token_for(org),
        body={"client_id": "one", "name": "", "start_on": "tomorrow"},
    )
    assert response.status_code == 422
    fields = {detail["field"] for detail in response.json()["error"]["details"]}
    assert {"body.client_id", "body.name", "body.start_on"} <= fields


def test_an_oversized_body_is_413_unread() -> None:
    org = make_org()
    raw = b'{"name": "' + b"x" * (MAX_BODY_BYTES + 1) + b'"}'
    response = call("POST", "/clients", token=token_for(org), raw=raw)
    assert response.status_code == 413
    _assert_error_shape(response.json())
    assert response.json()["error"]["code"] == "payload_too_large"


def test_broken_json_is_400() -> None:
    org = make_org()
    response = call("POST", "/clients", token=token_for(org), raw=b"{nope")
    assert response.status_code == 400
    _assert_error_shape(response.json())


@pytest.mark.parametrize("path", ["/clients/0", "/clients/99999999999999999999999", "/items/-3"])
def test_ids_out_of_range_are_422_not_500(path: str) -> None:
    response = call("GET", path, token=token_for(make_org()))
    assert response.status_code == 422
    _assert_error_shape(response.json())


def test_a_nul_character_is_refused() -> None:
    response = call("POST", "/clients", token=token_for(make_org()), body={"name": "A\x00B"})
    assert response.status_code == 422


def test_an_unknown_path_is_404_in_the_error_shape() -> None:
    response = call("GET", "/nothing/here")
    assert response.status_code == 404
    _assert_error_shape(response.json())


def test_a_method_the_path_lacks_is_405_in_the_error_shape() -> None:
    response = call("PUT", "/clients", token=token_for(make_org()), body={"name": "Acme"})
    assert response.status_code == 405
    _assert_error_shape(response.json())
    assert "GET" in response["Allow"]
