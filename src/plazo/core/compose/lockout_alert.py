"""The owner's e-mail when repeated failed log-ins lock an account or an address."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime
from html import escape
from zoneinfo import ZoneInfo

from plazo.core.compose.headers import (
    check_email,
    clean_header_text,
    format_mailbox,
    message_id,
    raise_if,
)
from plazo.core.compose.message import Message

__all__ = ["compose_lockout_alert"]

_COPY: dict[str, dict[str, str | list[str]]] = {
    "en": {
        "subject": "plazo: log-ins for {who} are paused until {until}",
        "body": [
            "{failures} log-ins for {who} failed in a row (the last from {address}, on {where}), "
            "so plazo refuses further attempts until {until}.",
            "If it was you or a colleague who forgot the password, wait or lift the pause now on "
            "the server with: {command}",
            "If nobody you know was trying, someone may be guessing: keep the pause, and make "
            "sure the account has a long password that is used nowhere else.",
        ],
    },
    "es": {
        "subject": "plazo: el acceso de {who} está en pausa hasta {until}",
        "body": [
            "Fallaron {failures} intentos seguidos de entrar como {who} (el último desde "
            "{address}, en {where}), así que plazo rechaza nuevos intentos hasta {until}.",
            "Si fuiste tú o alguien del equipo que olvidó la contraseña, espera o levanta la "
            "pausa ahora en el servidor con: {command}",
            "Si nadie de tu equipo lo intentaba, alguien puede estar adivinando: mantén la "
            "pausa y asegúrate de que la cuenta tiene una contraseña larga que no se usa en "
            "ningún otro sitio.",
        ],
    },
}


def compose_lockout_alert(
    *,
    language: str,
    sender: tuple[str, str],
    to: Sequence[tuple[str, str]],
    who: str,
    address: str,
    where: str,
    failures: int,
    locked_until: datetime,
    time_zone: str,
    unlock_command: str,
    sent_at: datetime,
    message_key: str,
) -> Message:
    """Tell the organisation's owners, in its language, which log-in is paused and until when."""
    problems: list[str] = []
    for name, email in to:
        problems += check_email(email, f"owner {name!r}")
    if not to:
        problems.append("a lockout alert needs at least one owner with an e-mail address")
    problems += check_email(sender[1], "the sender")
    raise_if(problems)
    copy = _COPY.get(language, _COPY["en"])
    until = locked_until.astimezone(ZoneInfo(time_zone)).strftime("%Y-%m-%d %H:%M %Z")
    values = {
        "who": clean_header_text(who)[:120],
        "address": clean_header_text(address)[:64],
        "where": clean_header_text(where)[:64],
        "failures": failures,
        "until": until,
        "command": unlock_command,
    }
    subject = clean_header_text(str(copy["subject"]).format(**values))
    paragraphs = [line.format(**values) for line in copy["body"]]
    text = "\n\n".join(paragraphs) + "\n"
    html = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
    domain = sender[1].rpartition("@")[2].lower()
    headers = (
        ("From", format_mailbox(*sender)),
        ("To", ", ".join(format_mailbox(name, email) for name, email in to)),
        ("Subject", subject),
        ("Date", format_datetime(sent_at)),
        ("Message-ID", message_id("lockout", message_key, domain)),
        ("Content-Language", language),
        ("X-Plazo-Kind", "owner_alert"),
        ("Auto-Submitted", "auto-generated"),
    )
    return Message(
        kind="owner_alert",
        language=language,
        subject=subject,
        text=text,
        html=html,
        headers=headers,
        recipients=tuple(email for _, email in to),
    )
