"""One outbox message as it went out (or will): headers, bodies and attachments, read from the
stored MIME bytes, which are exactly what the worker hands to the mail server."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

from plazo.store.models import Message, Organisation

__all__ = ["Attachment", "OutboxMessage", "outbox_message"]

_CID = re.compile(r"""cid:([^"'\s)>]+)""")


@dataclass(frozen=True)
class Attachment:
    """A file carried by the message; ``inline`` ones (the chart) are shown inside the HTML."""

    filename: str
    content_type: str
    size_bytes: int
    inline: bool


@dataclass(frozen=True)
class OutboxMessage:
    """What the outbox's detail page shows of one message."""

    message: Message
    sender: str
    reply_to: str
    attachments: tuple[Attachment, ...]
    html: str  # the HTML part with its inline images written in as data: URLs; "" without one


def outbox_message(organisation: Organisation, message_id: int) -> OutboxMessage:
    """The organisation's message ``message_id``; another organisation's raises DoesNotExist."""
    message = (
        Message.objects.for_organisation(organisation)
        .select_related("project__client")
        .get(pk=message_id)
    )
    raw = bytes(message.mime or b"")
    if not raw:  # written by hand or by an old version: only the stored fields are known
        return OutboxMessage(message, "", "", (), message.html)
    mail = message_from_bytes(raw, policy=policy.default)
    assert isinstance(mail, EmailMessage)
    attachments, images = _parts(mail)
    return OutboxMessage(
        message,
        str(mail.get("From", "")),
        str(mail.get("Reply-To", "")),
        tuple(attachments),
        _inline_images(message.html, images),
    )


def _parts(mail: EmailMessage) -> tuple[list[Attachment], dict[str, str]]:
    """Every leaf that is not the text or the HTML body, and the data: URL of each inline image."""
    bodies = {id(mail.get_body(preferencelist=(kind,))) for kind in ("plain", "html")}
    attachments: list[Attachment] = []
    images: dict[str, str] = {}
    for part in mail.walk():
        if part.is_multipart() or id(part) in bodies:
            continue
        data = part.get_payload(decode=True) or b""
        assert isinstance(data, bytes)
        content_type = part.get_content_type()
        cid = str(part.get("Content-ID", "")).strip("<> ")
        if cid and content_type.startswith("image/"):
            images[cid] = f"data:{content_type};base64,{base64.b64encode(data).decode()}"
        attachments.append(
            Attachment(
                part.get_filename() or cid or content_type, content_type, len(data), bool(cid)
            )
        )
    return attachments, images


def _inline_images(html: str, images: dict[str, str]) -> str:
    """``cid:`` references replaced by the images they name (the frame allows only data: URLs)."""
    return _CID.sub(lambda match: images.get(match.group(1), match.group(0)), html)
