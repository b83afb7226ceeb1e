"""A Django e-mail backend that writes each message as one ``.eml`` file (the embedded default)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.utils import timezone

__all__ = ["EmlFileBackend"]


class EmlFileBackend(BaseEmailBackend):
    """Write ``<timestamp>-<digest>.eml`` files that any mail client opens.

    Django's own file backend appends every message of a connection to one ``.log`` file; one
    file per message is what a person wants to double-click in ``$PLAZO_HOME/outbox/``.
    """

    def __init__(self, file_path: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.directory = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        self.directory.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            data = message.message().as_bytes()
            digest = hashlib.sha256(data).hexdigest()[:12]
            stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
            path = self.directory / f"{stamp}-{digest}.eml"
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)  # a reader never sees half a file
            sent += 1
        return sent
