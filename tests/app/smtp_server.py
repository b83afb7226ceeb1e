"""A real SMTP server on loopback (aiosmtpd), with replies a test can script."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.controller import Controller

__all__ = ["RecordingHandler", "smtp_server", "unused_port"]


@dataclass
class RecordingHandler:
    """Accepts mail and keeps it; ``replies`` (consumed in order) can refuse it first."""

    received: list[Any] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.replies:
            return self.replies.pop(0)
        self.received.append(envelope)
        return "250 2.0.0 Ok: queued"


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def smtp_server(handler: RecordingHandler) -> Iterator[int]:
    """Run the server on a free loopback port for the duration of the block; yields the port."""
    port = unused_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
