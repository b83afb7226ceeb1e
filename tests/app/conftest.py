"""Fixtures shared by the app tests (factories and builders live in plain modules beside this)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_django.fixtures import Settings

from tests.app.smtp_server import RecordingHandler, smtp_server


@pytest.fixture
def mail_server(settings: Settings) -> Iterator[RecordingHandler]:
    """A real SMTP server on loopback that Django (and so the worker) delivers to."""
    received = RecordingHandler()
    with smtp_server(received) as port:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        yield received
