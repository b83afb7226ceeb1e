"""Fixtures shared by the end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.browser import launch_chromium


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Chromium for a test that drives plazo's live server.

    Playwright's sync API runs an event loop in this thread; the ORM calls the test makes while
    it runs are still plain synchronous calls, so Django's async guard is lifted for the test.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with launch_chromium() as launched:
        yield launched
