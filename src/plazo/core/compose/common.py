"""What every kind of message shares: checking inputs, the reader's language, the final Message."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from plazo.core import calendar
from plazo.core.compose.envelope import check_recipients, envelope_headers
from plazo.core.compose.errors import ComposeError
from plazo.core.compose.formats import Formats, labels_for, supported_languages
from plazo.core.compose.headers import check_email, raise_if
from plazo.core.compose.inputs import Client, Contact, Organisation, Project, Register
from plazo.core.compose.message import Attachment, Message
from plazo.core.compose.render import render_kind

__all__ = [
    "Audience",
    "audience_for_client",
    "base_problems",
    "build_client_message",
    "build_message",
    "build_owner_alert",
    "local_day",
]


@dataclass(frozen=True)
class Audience:
    """Who reads: their language, locale for dates and money, and register (``voseo``: informal
    Spanish with vos, which only the Spanish templates tell apart from tú)."""

    language: str
    locale: str
    formal: bool
    voseo: bool = False


def _language_problems(language: str, whose: str) -> list[str]:
    if language not in supported_languages():
        known = ", ".join(supported_languages())
        return [f"{whose} has unknown language {language!r}: plazo has templates for {known}"]
    return []


def base_problems(
    organisation: Organisation,
    project: Project,
    client: Client | None = None,
    contacts: Sequence[Contact] | None = None,
) -> list[str]:
    """Every problem shared by all kinds, collected so one error lists them all."""
    problems = check_email(organisation.sender_email, f"organisation {organisation.name!r}")
    problems += check_email(project.owner_email, f"owner of project {project.name!r}")
    if client is None:  # internal messages are in the organisation's language
        problems += _language_problems(organisation.language, f"organisation {organisation.name!r}")
    else:
        problems += _language_problems(client.language, f"client {client.name!r}")
        try:
            ZoneInfo(client.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(f"client {client.name!r} has unknown time zone {client.time_zone!r}")
    if contacts is not None:
        problems += check_recipients(contacts, f"project {project.name!r}")
    return problems


def audience_for_client(client: Client) -> Audience:
    """The client's language, locale (their own, or the language's default) and register."""
    locale = client.locale or client.language
    Formats.for_locale(locale)
    formal, voseo = client.register == Register.FORMAL, client.register == Register.VOS
    return Audience(client.language, locale, formal, voseo)


def local_day(sent_at: datetime, time_zone: str) -> date:
    """The calendar day it is for the reader when the message is sent."""
    if sent_at.tzinfo is None:
        raise ComposeError(["sent_at must be time-zone aware"])
    return calendar.local_day(sent_at, time_zone)


def build_message(
    *,
    kind: str,
    audience: Audience,
    organisation: Organisation,
    project: Project,
    to: Sequence[tuple[str, str]],
    reply_to: tuple[str, str] | None,
    sent_at: datetime,
    message_key: str,
    context: dict[str, Any],
    attachments: Sequence[Attachment] = (),
    time_zone: str = "UTC",
) -> Message:
    """Render the kind's templates and wrap them with headers into a Message."""
    full_context = {
        "hour": sent_at.astimezone(ZoneInfo(time_zone)).hour,  # "buenos días" or "buenas tardes"
        "fmt": Formats.for_locale(audience.locale),
        "formal": audience.formal,
        "voseo": audience.voseo,
        "labels": labels_for(audience.language),
        "organisation": organisation,
        "project": project,
        **context,
    }
    rendered = render_kind(kind, audience.language, full_context)
    headers = envelope_headers(
        kind=kind,
        language=audience.language,
        organisation=organisation,
        project=project,
        to=to,
        reply_to=reply_to,
        subject=rendered.subject,
        sent_at=sent_at,
        message_key=message_key,
    )
    return Message(
        kind=kind,
        language=audience.language,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        headers=headers,
        recipients=tuple(email for _, email in to),
        attachments=tuple(attachments),
    )


def build_client_message(
    *,
    kind: str,
    organisation: Organisation,
    client: Client,
    contacts: Sequence[Contact],
    project: Project,
    sent_at: datetime,
    message_key: str,
    context: dict[str, Any],
    attachments: Sequence[Attachment] = (),
    audience: Audience | None = None,
) -> Message:
    """A message to the project's client contacts, in the client's language and register.

    It is addressed to every contact, greets the first, and answers go to the project's owner.
    ``context`` adds the kind's own facts to the client, the contact and the client's today.
    """
    return build_message(
        kind=kind,
        audience=audience or audience_for_client(client),
        organisation=organisation,
        project=project,
        to=[(c.name, c.email) for c in contacts],
        reply_to=(project.owner_name, project.owner_email),
        sent_at=sent_at,
        time_zone=client.time_zone,
        message_key=message_key,
        context={
            "client": client,
            "contact": contacts[0],
            "today": local_day(sent_at, client.time_zone),
            **context,
        },
        attachments=attachments,
    )


def build_owner_alert(
    *,
    kind: str,
    organisation: Organisation,
    project: Project,
    link: str,
    link_problem: str,
    sent_at: datetime,
    message_key: str,
    context: dict[str, Any],
    problems: Sequence[str] = (),
    language: str | None = None,
) -> Message:
    """An internal alert to the project's owner, in their ``language`` (default: the
    organisation's), informally.

    The alert links to where the owner acts; ``link_problem`` says what that link should be
    (e.g. "the alert needs an http(s) link to the outbox"), and is listed, with the link given,
    when it is not http(s). Every problem (the shared ones, the link, then ``problems``) is
    raised in one ComposeError.
    """
    found = base_problems(organisation, project)
    reader = language or organisation.language
    if language is not None:
        found += _language_problems(language, f"owner of project {project.name!r}")
    if not link.startswith(("https://", "http://")):
        found.append(f"{link_problem}, got {link!r}")
    found += problems
    raise_if(found)
    return build_message(
        kind=kind,
        audience=Audience(reader, reader, formal=False),
        organisation=organisation,
        project=project,
        to=[(project.owner_name, project.owner_email)],
        reply_to=None,
        sent_at=sent_at,
        message_key=message_key,
        context=context,
    )
