"""Test-wide set-up. Django's settings for tests are ``plazo.conf.testing`` (see pyproject)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _language_of_this_test_only() -> Iterator[None]:
    """Each test ends in Django's default language. The locale middleware activates a request's
    language for the thread and leaves it there (a server's next request activates its own), so
    a test-client request in Spanish would make a later test in the same process speak Spanish:
    ``plazo init``'s checks, say, after ``/setup/`` was posted in Spanish."""
    yield
    translation.deactivate()
