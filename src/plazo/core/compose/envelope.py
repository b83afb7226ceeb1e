"""The headers around a message: who from, to whom, which conversation, and when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime

from plazo.core.compose.headers import (
    check_email,
    format_mailbox,
    message_id,
    thread_root_id,
)
from plazo.core.compose.inputs import Contact, Organisation, Project

__all__ = ["check_recipients", "envelope_headers", "sender_domain"]


def sender_domain(organisation: Organisation) -> str:
    """The domain our Message-IDs and calendar UIDs live under."""
    return organisation.sender_email.rpartition("@")[2].lower()


def check_recipients(contacts: Sequence[Contact], whose: str) -> list[str]:
    """Problems with the people a client message goes to."""
    if not contacts:
        return [f"{whose} has no contacts to send to"]
    problems: list[str] = []
    for contact in contacts:
        problems += check_email(contact.email, f"contact {contact.name!r}")
    return problems


def envelope_headers(
    *,
    kind: str,
    language: str,
    organisation: Organisation,
    project: Project,
    to: Sequence[tuple[str, str]],
    reply_to: tuple[str, str] | None,
    subject: str,
    sent_at: datetime,
    message_key: str,
) -> tuple[tuple[str, str], ...]:
    """Ordered, single-line headers; every message of a project replies to one thread root."""
    domain = sender_domain(organisation)
    root = thread_root_id(project.key, domain)
    headers = [
        ("From", format_mailbox(organisation.sender_name, organisation.sender_email)),
        ("To", ", ".join(format_mailbox(name, email) for name, email in to)),
    ]
    if reply_to is not None:
        headers.append(("Reply-To", format_mailbox(*reply_to)))
    headers += [
        ("Subject", subject),
        ("Date", format_datetime(sent_at)),
        ("Message-ID", message_id(project.key, message_key, domain)),
        ("In-Reply-To", root),
        ("References", root),
        ("Content-Language", language),
        ("X-Plazo-Kind", kind),
    ]
    # internal: no auto-replies, please
    if kind in ("owner_alert", "delivery_failed", "checkin_failed", "updates_waiting"):
        headers.append(("Auto-Submitted", "auto-generated"))
    return tuple(headers)
