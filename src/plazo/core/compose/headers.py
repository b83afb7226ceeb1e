"""Safe header values: addresses, subjects and the ids that thread a project in one conversation."""

from __future__ import annotations

import re
from email.headerregistry import Address

from plazo.core.compose.errors import ComposeError

__all__ = [
    "check_email",
    "clean_header_text",
    "format_mailbox",
    "message_id",
    "raise_if",
    "thread_root_id",
]

# Control characters (CR and LF above all) are how a header is injected; none survive.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u0085]+")
_SPACES = re.compile(r"\s+")
# Deliberately narrow: one @, no spaces, no characters with a meaning in an address header.
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"\\]+@[^@\s<>()\[\],;:\"\\]+\.[^@\s<>()\[\],;:\"\\]+$")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def clean_header_text(text: str) -> str:
    """One line of text: control characters become spaces, runs of space collapse."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


def check_email(email: str, whose: str) -> list[str]:
    """The problems with one e-mail address (empty when it is usable)."""
    if not email.strip():
        return [f"{whose} has no e-mail address"]
    if not _EMAIL.match(email):
        return [f"{whose} has an invalid e-mail address {email!r}"]
    return []


def format_mailbox(name: str, email: str) -> str:
    """``Name <user@host>`` with the name quoted as needed and stripped of line breaks."""
    user, _, domain = email.partition("@")
    return str(Address(display_name=clean_header_text(name), username=user, domain=domain))


def _id_part(text: str) -> str:
    return _ID_UNSAFE.sub("-", text).strip("-.") or "x"


def message_id(project_key: str, message_key: str, domain: str) -> str:
    """A deterministic Message-ID: the same message composed twice gets the same id."""
    return f"<plazo.{_id_part(project_key)}.{_id_part(message_key)}@{_id_part(domain)}>"


def thread_root_id(project_key: str, domain: str) -> str:
    """The id every message of one project replies to, so mail clients keep one conversation."""
    return f"<plazo.{_id_part(project_key)}.thread@{_id_part(domain)}>"


def raise_if(problems: list[str]) -> None:
    """Raise one ComposeError listing every problem, if there is any."""
    if problems:
        raise ComposeError(problems)
