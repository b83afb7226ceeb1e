"""Security headers on every page; HSTS and secure cookies only when plazo is served over https."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client as HttpClient

from plazo.conf import load_config

pytestmark = pytest.mark.django_db


def test_every_page_says_what_the_browser_may_load_and_send() -> None:
    response = HttpClient().get("/login/")
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == policy["style-src"] == policy["default-src"] == "'self'"
    assert policy["object-src"] == policy["base-uri"] == policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response  # http: no HSTS


def test_behind_the_proxy_an_https_request_gets_hsts(settings: Any) -> None:
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = HttpClient().get("/login/", headers={"X-Forwarded-Proto": "https"})
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_https_turns_on_hsts_which_can_be_tuned(tmp_path: Path) -> None:
    https = {"PLAZO_HOME": str(tmp_path), "PLAZO_BASE_URL": "https://plazo.example.com"}
    assert load_config(https).hsts_seconds == 31_536_000
    tuned = load_config({**https, "PLAZO_HSTS_SECONDS": "300", "PLAZO_HSTS_PRELOAD": "0"})
    assert (tuned.hsts_seconds, tuned.hsts_preload) == (300, False)


def test_over_http_hsts_stays_off_whatever_is_asked(tmp_path: Path) -> None:
    config = load_config({"PLAZO_HOME": str(tmp_path), "PLAZO_HSTS_SECONDS": "31536000"})
    assert config.hsts_seconds == 0
    assert not config.behind_proxy
