"""Calling the REST API through Django's test client with a bearer token."""

from __future__ import annotations

import itertools
import json
from typing import Any

from django.test import Client as HttpClient

from plazo.store.models import Organisation
from plazo.store.services.access.tokens import create_token
from tests.app.factories import NOW, make_user

__all__ = ["call", "token_for"]

_tokens = itertools.count(1)


def token_for(org: Organisation) -> str:
    """A new live token of ``org`` (the secret), created by a member who owns what it creates."""
    user = make_user(org, email=f"api-{org.slug}-{next(_tokens)}@estudio.example")
    return create_token(org, name="tests", now=NOW, created_by=user).secret


def call(
    method: str,
    path: str,
    *,
    token: str | None = None,
    body: Any = None,
    raw: bytes | None = None,
) -> Any:
    """``METHOD /api/path`` with a JSON body (or raw bytes) and the token, if any."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
    return HttpClient().generic(
        method, f"/api{path}", data=data, content_type="application/json", headers=headers
    )
