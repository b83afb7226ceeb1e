"""Delivery speaks STARTTLS and implicit TLS with authentication, through Django's SMTP backend."""

from __future__ import annotations

import gc
import random
import ssl
from collections.abc import Iterator
from functools import cached_property
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from django.core.mail.backends.smtp import EmailBackend

from plazo.mail.outbox import deliver_due
from tests.app.factories import NOW
from tests.app.smtp_server import RecordingHandler, unused_port
from tests.app.test_outbox_delivery import _queued

pytestmark = [
    pytest.mark.django_db,
    # aiosmtpd leaves the transport of a connection whose TLS handshake the client aborted
    # unclosed; that is the server library's leak, not plazo's, so it is ignored here only.
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]
USER, PASSWORD = "studio@example.com", "s3cret"


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


def _server_context(authority: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    return context


def _authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


def _backend(authority: trustme.CA, **options: Any) -> EmailBackend:
    class TrustingBackend(EmailBackend):
        # Django's backend builds a default client context; this one also trusts the test CA.
        @cached_property
        def ssl_context(self) -> ssl.SSLContext:
            context = ssl.create_default_context()
            authority.configure_trust(context)
            return context

    return TrustingBackend(
        host="127.0.0.1",
        username=USER,
        password=PASSWORD,
        timeout=5,
        fail_silently=False,
        **options,
    )


def _serve(**options: Any) -> Iterator[tuple[RecordingHandler, int]]:
    handler, port = RecordingHandler(), unused_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticate,
        auth_required=True,
        **options,
    )
    controller.start()
    yield handler, port
    controller.stop()
    gc.collect()  # let the leaked transports warn inside this module, where it is ignored


@pytest.fixture
def starttls_server(authority: trustme.CA) -> Iterator[tuple[RecordingHandler, int]]:
    yield from _serve(
        tls_context=_server_context(authority), require_starttls=True, auth_require_tls=True
    )


@pytest.fixture
def implicit_tls_server(authority: trustme.CA) -> Iterator[tuple[RecordingHandler, int]]:
    # aiosmtpd does not count implicit TLS as TLS for its AUTH check; the session is TLS anyway.
    yield from _serve(ssl_context=_server_context(authority), auth_require_tls=False)


def test_starttls_with_a_login_delivers(
    authority: trustme.CA, starttls_server: tuple[RecordingHandler, int]
) -> None:
    handler, port = starttls_server
    message = _queued()
    backend = _backend(authority, port=port, use_tls=True)
    assert deliver_due(now=NOW, rng=random.Random(1), connection=backend).sent == [message.pk]
    assert len(handler.received) == 1


# aiosmtpd warns that AUTH is allowed without STARTTLS; here the whole session is TLS already.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_implicit_tls_with_a_login_delivers(
    authority: trustme.CA, implicit_tls_server: tuple[RecordingHandler, int]
) -> None:
    handler, port = implicit_tls_server
    message = _queued()
    backend = _backend(authority, port=port, use_ssl=True)
    assert deliver_due(now=NOW, rng=random.Random(1), connection=backend).sent == [message.pk]
    assert len(handler.received) == 1


def test_a_wrong_password_is_a_permanent_failure(
    authority: trustme.CA, starttls_server: tuple[RecordingHandler, int]
) -> None:
    _, port = starttls_server
    message = _queued()
    backend = _backend(authority, port=port, use_tls=True)
    backend.password = "wrong"
    assert deliver_due(now=NOW, rng=random.Random(1), connection=backend).failed == [message.pk]
    message.refresh_from_db()
    assert "535" in message.last_error


def test_an_untrusted_certificate_is_not_accepted(
    starttls_server: tuple[RecordingHandler, int],
) -> None:
    handler, port = starttls_server
    message = _queued()
    plain = EmailBackend(host="127.0.0.1", port=port, use_tls=True, timeout=5, fail_silently=False)
    report = deliver_due(now=NOW, rng=random.Random(1), connection=plain)
    assert report.failed == [message.pk]
    message.refresh_from_db()
    assert "CERTIFICATE_VERIFY_FAILED" in message.last_error
    assert handler.received == []
