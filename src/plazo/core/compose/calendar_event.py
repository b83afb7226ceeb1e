"""The delivery date as a calendar event (.ics) that moves when the promise moves."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from plazo.core.compose.formats import labels_for
from plazo.core.compose.headers import clean_header_text

__all__ = ["delivery_event_ics", "delivery_event_uid"]


def delivery_event_uid(project_key: str, domain: str) -> str:
    """One UID per project, so each update replaces the same event in the client's calendar."""
    safe_key = "".join(c if c.isalnum() or c in "-_." else "-" for c in project_key)
    return f"plazo-delivery-{safe_key}@{domain}"


def delivery_event_ics(
    *,
    project_key: str,
    project_name: str,
    organisation_name: str,
    domain: str,
    delivery_on: date,
    sequence: int,
    sent_at: datetime,
    language: str,
) -> bytes:
    """An all-day event on ``delivery_on``; a higher ``sequence`` tells calendars it is newer."""
    if sequence < 0:
        raise ValueError(f"sequence must be >= 0, got {sequence}")
    words = labels_for(language)["calendar"]
    names = {"project": clean_header_text(project_name), "organisation": organisation_name}
    calendar = Calendar()
    calendar.add("prodid", "-//plazo//compose//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", delivery_event_uid(project_key, domain))
    event.add("sequence", sequence)
    event.add("dtstamp", sent_at.astimezone(UTC))
    event.add("dtstart", delivery_on)
    event.add("dtend", delivery_on + timedelta(days=1))
    event.add("summary", words["summary"].format(**names))
    event.add("description", words["description"].format(**names))
    event.add("transp", "TRANSPARENT")
    calendar.add_component(event)
    return bytes(calendar.to_ical())
