"""Hand a stored RFC 5322 message to any Django e-mail backend, byte for byte."""

from __future__ import annotations

from email import policy
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from typing import Any

from django.core.mail import EmailMessage

__all__ = ["StoredEmail"]


class _Bytes:
    """What Django's backends call ``as_bytes(linesep=…)`` on: the stored bytes, re-lined."""

    def __init__(self, data: bytes) -> None:
        self._data = data.replace(b"\r\n", b"\n")

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        return self._data.replace(b"\n", linesep.encode())


class StoredEmail(EmailMessage):
    """A Django ``EmailMessage`` whose body is an already-composed MIME message."""

    def __init__(self, data: bytes, recipients: list[str]) -> None:
        # Only the envelope sender is needed: parse the headers, not the whole MIME tree.
        headers = BytesHeaderParser(policy=policy.compat32).parsebytes(data)
        sender = getaddresses([str(headers.get("From", ""))])
        super().__init__(from_email=sender[0][1] if sender else None, to=recipients)
        self._stored = data

    def message(self, *, policy: Any = None) -> Any:
        return _Bytes(self._stored)
