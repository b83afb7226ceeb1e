"""A composed message as plain values, and its RFC 5322 form."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.policy import SMTP
from typing import Any

__all__ = ["Attachment", "Message"]


_KEPT_HEADERS = 4096


class _FoldedOnce:
    """A header that keeps its folded form for plazo's policy (``_POLICY``): a header object is
    immutable once parsed, so folding it again gives the same text."""

    def fold(self, *, policy: Any) -> str:
        if policy is not _POLICY:
            return super().fold(policy=policy)  # type: ignore[misc, no-any-return]
        folded: str | None = self.__dict__.get("_folded")
        if folded is None:
            folded = _no_leading_fold(super().fold(policy=policy), policy)  # type: ignore[misc]
            self.__dict__["_folded"] = folded
        return folded


def _no_leading_fold(folded: str, policy: Any) -> str:
    """``folded`` with its value starting on the header's own line.

    Python's folder moves a whole value that fits a line of its own onto the next line, leaving
    ``Subject:`` alone on the first (an owner alert's subject of 74 characters did). That is
    valid, but some mail clients then show the subject with a leading space. The first line is
    refilled up to the policy's line length at a space of the value instead; a value with no
    space to break at is left as Python folded it.
    """
    linesep = policy.linesep
    name, colon, rest = folded.partition(":")
    if not colon or not rest.startswith(linesep + " "):
        return folded
    first, sep, later = rest[len(linesep) + 1 :].partition(linesep)
    room = (policy.max_line_length or 78) - len(name) - 2  # "Name: "
    cut = first.rfind(" ", 0, room + 1)
    if cut <= 0:
        return folded
    head, tail = first[:cut], first[cut + 1 :]
    return f"{name}: {head}{linesep} {tail}{sep}{later}"


class _ClassPerName(HeaderRegistry):
    """The standard header registry, building each header's class once instead of per header,
    and each header once per (name, value).

    ``HeaderRegistry`` creates a new class with ``type()`` every time a header is set; a weekly
    update sets about 26, so the check-ins of a whole portfolio spent a measurable share of their
    time there. The classes hold no state, so one per header name is enough. Parsing and folding
    a header is most of the rest, and most headers recur message after message (the parts'
    Content-Type and Content-Transfer-Encoding, the sender, Reply-To): a header object is
    immutable, so the same one serves every message that sets the same value.
    """

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str, type[BaseHeader]] = {}
        self._headers: dict[tuple[str, str], BaseHeader] = {}

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        if key not in self._classes:
            made = super().__getitem__(name)
            self._classes[key] = type(made.__name__, (_FoldedOnce, made), {})
        return self._classes[key]

    def __call__(self, name: str, value: Any) -> BaseHeader:
        if type(value) is not str:
            return self[name](name, value)
        key = (name, value)
        header = self._headers.get(key)
        if header is None:
            header = self[name](name, value)
            if len(self._headers) >= _KEPT_HEADERS:
                self._headers.clear()
            self._headers[key] = header
        return header


_POLICY = SMTP.clone(header_factory=_ClassPerName())


@dataclass(frozen=True)
class Attachment:
    """A file sent with the message; with a ``content_id`` it is shown inside the HTML."""

    filename: str
    content_type: str  # "image/png", "text/calendar"
    data: bytes
    content_id: str | None = None  # without angle brackets: "timeline.p7@example.com"
    params: tuple[
        tuple[str, str], ...
    ] = ()  # extra Content-Type parameters: (("method", "PUBLISH"),)


@dataclass(frozen=True)
class Message:
    """Everything the outbox needs: kind, language, headers, bodies and files."""

    kind: str  # weekly_update, delay_notice, delivered, owner_alert
    language: str
    subject: str
    text: str
    html: str
    headers: tuple[tuple[str, str], ...]  # in order; values are single-line and safe
    recipients: tuple[str, ...]  # bare addresses for the SMTP envelope
    attachments: tuple[Attachment, ...] = ()

    @property
    def message_id(self) -> str:
        """Our Message-ID header, angle brackets included."""
        return self.header("Message-ID")

    def header(self, name: str) -> str:
        """One header's value (KeyError when absent)."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        raise KeyError(name)

    def to_email(self) -> EmailMessage:
        """The MIME message: text + HTML alternatives, inline images related to the HTML, files.

        1. ``multipart/alternative`` holds the plain text and the HTML.
        2. Images with a content id go into a ``multipart/related`` next to the HTML.
        3. Anything else is attached, which wraps it all in ``multipart/mixed``.
        4. The headers go on the outermost part; boundaries are derived from the Message-ID.
        """
        mail = EmailMessage(policy=_POLICY)
        mail.set_content(self.text, subtype="plain", charset="utf-8", cte="quoted-printable")
        mail.add_alternative(self.html, subtype="html", charset="utf-8", cte="quoted-printable")
        html_part = mail.get_body(preferencelist=("html",))
        assert isinstance(html_part, EmailMessage)
        for item in self.attachments:
            maintype, _, subtype = item.content_type.partition("/")
            if item.content_id is not None:
                html_part.add_related(
                    item.data,
                    maintype,
                    subtype,
                    cid=f"<{item.content_id}>",
                    filename=item.filename,
                    disposition="inline",
                )
        for item in self.attachments:
            if item.content_id is None:
                maintype, _, subtype = item.content_type.partition("/")
                mail.add_attachment(
                    item.data,
                    maintype,
                    subtype,
                    filename=item.filename,
                    params=dict(item.params),
                )
        # Last: set_content() and the move to multipart/mixed would drop or move Content-* headers.
        for name, value in self.headers:
            mail[name] = value
        # Boundaries from the Message-ID make the bytes reproducible; "=_" cannot occur in
        # quoted-printable or base64 bodies, so the boundary cannot collide with content.
        seed = hashlib.sha256(self.message_id.encode()).hexdigest()[:20]
        multiparts = [part for part in mail.walk() if part.is_multipart()]
        for number, part in enumerate(multiparts):
            part.set_boundary(f"=_plazo_{seed}_{number}")
        return mail
