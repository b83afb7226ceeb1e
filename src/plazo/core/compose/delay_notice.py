"""The delay notice: apology, impact, assurance, new date, cause, plan and compensation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from plazo.core.compose.calendar_event import delivery_event_ics
from plazo.core.compose.common import audience_for_client, base_problems, build_message, local_day
from plazo.core.compose.envelope import sender_domain
from plazo.core.compose.formats import labels_for
from plazo.core.compose.headers import raise_if
from plazo.core.compose.inputs import Client, Contact, DelayCase, Offer, Organisation, Project
from plazo.core.compose.message import Attachment, Message

__all__ = ["compose_delay_notice", "delay_case_problems"]


def _clause(text: str) -> str:
    """Client-facing text that the template ends with its own full stop."""
    return " ".join(text.split()).rstrip(" .")


def _sentence(text: str) -> str:
    """A plan step as a list item: capital first letter, no final full stop."""
    clause = _clause(text)
    return clause[:1].upper() + clause[1:]


def delay_case_problems(case: DelayCase, offer: Offer | None) -> list[str]:
    """What a notice would lack: each of these is one of the elements a client must read."""
    problems: list[str] = []
    if case.new_on is None:
        problems.append("the delay case has no new date")
    elif case.new_on <= case.previous_promised_on:
        problems.append(
            f"the new date {case.new_on} is not after the previous promise "
            f"{case.previous_promised_on}"
        )
    if not case.cause.strip():
        problems.append("the delay case has no cause")
    if not [step for step in case.recovery_steps if step.strip()]:
        problems.append("the delay case has no plan (recovery steps)")
    if not case.identified.strip():
        problems.append("the delay case does not say what was identified")
    if not case.prevention.strip():
        problems.append("the delay case does not say what prevents a recurrence")
    if offer is None:
        problems.append("the delay case has no compensation offer")
    elif offer.amount <= 0:
        problems.append("the compensation offer has no amount")
    return problems


def compose_delay_notice(
    organisation: Organisation,
    client: Client,
    contacts: Sequence[Contact],
    project: Project,
    case: DelayCase,
    offer: Offer | None,
    *,
    sent_at: datetime,
    sequence: int,
    message_key: str | None = None,
    extra_offers: Sequence[Offer] = (),
) -> Message:
    """Compose a delay notice with the moved delivery event attached (.ics, ``sequence``)."""
    problems = base_problems(organisation, project, client, contacts)
    problems += delay_case_problems(case, offer)
    if sequence < 0:
        problems.append(f"the calendar sequence must be >= 0, got {sequence}")
    raise_if(problems)
    assert case.new_on is not None  # checked above
    assert offer is not None
    audience = audience_for_client(client)
    today = local_day(sent_at, client.time_zone)
    if case.new_on <= today:
        raise_if([f"the new date {case.new_on} is not after today ({today})"])
    key = message_key or f"delay-{case.new_on.isoformat()}-{sequence}"
    ics = delivery_event_ics(
        project_key=project.key,
        project_name=project.name,
        organisation_name=organisation.name,
        domain=sender_domain(organisation),
        delivery_on=case.new_on,
        sequence=sequence,
        sent_at=sent_at,
        language=audience.language,
    )
    filename = labels_for(audience.language)["calendar"]["filename"]
    ics_file = Attachment(filename, "text/calendar", ics, params=(("method", "PUBLISH"),))
    return build_message(
        kind="delay_notice",
        audience=audience,
        organisation=organisation,
        project=project,
        to=[(c.name, c.email) for c in contacts],
        reply_to=(project.owner_name, project.owner_email),
        sent_at=sent_at,
        time_zone=client.time_zone,
        message_key=key,
        context={
            "client": client,
            "contact": contacts[0],
            "case": case,
            "cause": _clause(case.cause),
            "identified": _clause(case.identified),
            "prevention": _clause(case.prevention),
            "steps": [_sentence(step) for step in case.recovery_steps if step.strip()],
            "offer": offer,
            "extra_offers": [extra for extra in extra_offers if extra.amount > 0],
            "today": today,
        },
        attachments=[ics_file],
    )
