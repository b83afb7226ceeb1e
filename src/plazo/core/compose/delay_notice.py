"""The delay notice: apology, impact, assurance, new date, cause, plan and compensation."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

from plazo.core.compose.calendar_event import delivery_event_ics
from plazo.core.compose.common import (
    audience_for_client,
    base_problems,
    build_client_message,
    local_day,
)
from plazo.core.compose.envelope import sender_domain
from plazo.core.compose.formats import labels_for
from plazo.core.compose.headers import raise_if
from plazo.core.compose.inputs import Client, Contact, DelayCase, Offer, Organisation, Project
from plazo.core.compose.message import Attachment, Message
from plazo.core.compose.offer_words import own_offer_phrase
from plazo.core.compose.splicing import mid_sentence
from plazo.core.ledger.rules import describe_problem, notice_problems

__all__ = ["compose_delay_notice", "delay_case_problems"]


def _clause(text: str) -> str:
    """Client-facing text that the template ends with its own full stop."""
    return " ".join(text.split()).rstrip(" .")


def _quoted(text: str) -> str:
    """A person's clause quoted mid-sentence ("…, para que no vuelva a ocurrir, revisaré…")."""
    return mid_sentence(_clause(text))


def _sentence(text: str) -> str:
    """A plan step as a list item: capital first letter, no final full stop."""
    clause = _clause(text)
    return clause[:1].upper() + clause[1:]


def _whole_percent_below(chance: float | None) -> float | None:
    """A chance told as "at least N %": rounded down to a whole percentage (0.876 → 0.87)."""
    return None if chance is None else math.floor(chance * 100 + 1e-9) / 100


def delay_case_problems(case: DelayCase, offer: Offer | None, *, today: date) -> list[str]:
    """What a notice would lack (``plazo.core.ledger.notice_problems``), in plain words."""
    coded = notice_problems(
        case.new_on,
        today=today,
        previous_promised_on=case.previous_promised_on,
        cause=case.cause,
        identified=case.identified,
        prevention=case.prevention,
        recovery_steps=case.recovery_steps,
        offer_amounts=None if offer is None else (offer.amount,),
        offer_required=case.offer_due,
    )
    words = [
        describe_problem(p, new_on=case.new_on, today=today, previous=case.previous_promised_on)
        for p in coded
    ]
    if offer is None and case.offer_due:
        words.append("the delay case has no compensation offer")
    return words


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
    if not problems:  # the client's zone is valid, so the client's today is known
        problems += delay_case_problems(case, offer, today=local_day(sent_at, client.time_zone))
    if sequence < 0:
        problems.append(f"the calendar sequence must be >= 0, got {sequence}")
    raise_if(problems)
    assert case.new_on is not None  # checked above
    audience = audience_for_client(client)
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
    return build_client_message(
        kind="delay_notice",
        organisation=organisation,
        client=client,
        contacts=contacts,
        project=project,
        sent_at=sent_at,
        message_key=key,
        audience=audience,
        context={
            "case": case,
            "cause": _quoted(case.cause),
            "identified": _quoted(case.identified),
            "prevention": _quoted(case.prevention),
            "steps": [_sentence(step) for step in case.recovery_steps if step.strip()],
            "ready_for_stake": _quoted(case.ready_for_stake),
            "offer": offer,
            "own_phrase": lambda o: own_offer_phrase(o, audience.language),
            "extra_offers": [extra for extra in extra_offers if extra.amount > 0],
            "chance": _whole_percent_below(case.new_on_chance),
        },
        attachments=[ics_file],
    )
