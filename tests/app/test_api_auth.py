"""The API needs a live token of the organisation; docs and schema are public and offline."""

from __future__ import annotations

import pytest
from django.utils import timezone

from plazo.store.models import ApiToken
from plazo.store.services.access.tokens import revoke_token
from tests.app.api_helpers import call, token_for
from tests.app.factories import make_client, make_org

pytestmark = pytest.mark.django_db


def test_a_request_without_a_token_is_refused_with_the_error_shape() -> None:
    response = call("GET", "/clients")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert "plazo token create" in response.json()["error"]["message"]
    assert "Settings › API tokens" in response.json()["error"]["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header_token", ["plz_not-a-real-token", "nonsense", "plz_" + "x" * 500])
def test_an_unknown_token_is_refused(header_token: str) -> None:
    make_org()
    assert call("GET", "/clients", token=header_token).status_code == 401


def test_a_live_token_works_and_records_its_last_use() -> None:
    org = make_org()
    make_client(org, name="Acme")
    token = token_for(org)
    response = call("GET", "/clients", token=token)
    assert response.status_code == 200
    assert [c["name"] for c in response.json()["items"]] == ["Acme"]
    assert ApiToken.objects.get(organisation=org).last_used_at is not None


def test_a_revoked_token_is_refused_at_once() -> None:
    org = make_org()
    token = token_for(org)
    assert call("GET", "/clients", token=token).status_code == 200
    revoke_token(token[:12], now=timezone.now())
    assert call("GET", "/clients", token=token).status_code == 401


def test_only_the_digest_is_stored() -> None:
    org = make_org()
    token = token_for(org)
    stored = ApiToken.objects.get(organisation=org)
    assert token not in (stored.digest, stored.prefix)
    assert token.startswith(stored.prefix)
    assert token.startswith("plz_")


def test_openapi_schema_and_docs_are_public_and_use_no_cdn() -> None:
    schema = call("GET", "/openapi.json")
    assert schema.status_code == 200
    assert "/api/projects/{project_id}/events" in schema.json()["paths"]
    docs = call("GET", "/docs")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "cdn" not in page.lower()
    assert "https://" not in page
    assert "http://" not in page
    assert 'src="/api/docs/assets/swagger-ui-bundle.js"' in page
    asset = call("GET", "/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200
    assert b"".join(asset.streaming_content)  # type: ignore[attr-defined]
    assert call("GET", "/docs/assets/..%2Fsettings.py").status_code == 404
