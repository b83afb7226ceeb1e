"""Chromium finds plazo's icon: the one the pages link, and /favicon.ico for the others."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.browser import needs_chromium

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]


def test_the_icon_is_found_where_the_browser_looks(browser: Any, live_server: Any) -> None:
    page = browser.new_page()
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page.goto(f"{live_server.url}/login/")
    href = page.get_attribute("link[rel=icon]", "href")
    assert href == "/static/plazo/favicon.ico"
    for path in (href, "/favicon.ico"):
        response = page.request.get(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert response.body()[:4] == b"\x00\x00\x01\x00", path  # an ICO file
    assert missing == []
