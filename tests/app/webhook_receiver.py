"""A real HTTP receiver on loopback that checks webhook signatures as docs/webhooks.md says.

The check is written out here with ``hmac`` on purpose instead of calling plazo's own ``sign``:
a receiver knows only the documented algorithm, so a drift between the two fails the tests.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Received", "WebhookReceiver", "signature_is_valid", "webhook_receiver"]


def signature_is_valid(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """The documented check: ``sha256=`` + hex HMAC-SHA256(secret, "<timestamp>.<body>")."""
    timestamp = headers.get("x-plazo-timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest(
        f"sha256={expected.hexdigest()}", headers.get("x-plazo-signature", "")
    )


@dataclass(frozen=True)
class Received:
    """One request as it arrived: lower-cased headers, the raw body, and the signature's verdict."""

    path: str
    headers: dict[str, str]
    body: bytes
    signature_valid: bool


@dataclass
class WebhookReceiver:
    """Records every POST; ``replies`` (consumed in order) are the answers, then 200.

    An answer is a status, or a status with headers: ``(429, {"Retry-After": "120"})``.
    """

    secret: str = ""
    replies: list[int | tuple[int, dict[str, str]]] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str]]:
        with self.lock:
            valid = signature_is_valid(self.secret, headers, body)
            self.received.append(Received(path, headers, body, valid))
            reply = self.replies.pop(0) if self.replies else 200
            return reply if isinstance(reply, tuple) else (reply, {})


@contextmanager
def webhook_receiver(receiver: WebhookReceiver) -> Iterator[str]:
    """Serve on a free loopback port for the duration of the block; yields the URL to post to."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {name.lower(): value for name, value in self.headers.items()}
            status, extra = receiver.answer(self.path, headers, body)
            self.send_response(status)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks/plazo"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
