"""The .ics moves the delivery event: same UID per project, newer SEQUENCE, the new date."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar, Component

from plazo.core.compose import Message
from tests.core.compose.factories import (
    SENT_AT,
    make_case,
    make_delay_notice,
    make_offer,
    make_project,
)


def notice(sequence: int, new_on: date = date(2027, 1, 12), key: str = "p7") -> Message:
    return make_delay_notice(
        project=make_project(key=key), case=make_case(new_on=new_on), sequence=sequence
    )


def event_of(message: Message) -> Component:
    (ics,) = [a for a in message.attachments if a.content_type == "text/calendar"]
    calendar = Calendar.from_ical(ics.data)
    (event,) = calendar.walk("VEVENT")
    return event


def test_event_is_on_the_new_date_all_day() -> None:
    event = event_of(notice(1))
    assert event.decoded("dtstart") == date(2027, 1, 12)
    assert event.decoded("dtend") == date(2027, 1, 13)
    assert str(event["summary"]) == "Entrega: Tienda en línea"


def test_uid_is_stable_per_project_and_sequence_is_the_argument() -> None:
    first, second = event_of(notice(1)), event_of(notice(2, new_on=date(2027, 1, 19)))
    assert str(first["uid"]) == str(second["uid"]) == "plazo-delivery-p7@estudionorte.es"
    assert int(str(first["sequence"])) == 1
    assert int(str(second["sequence"])) == 2
    assert second.decoded("dtstart") == date(2027, 1, 19)


def test_another_project_gets_another_uid() -> None:
    assert str(event_of(notice(1, key="p8"))["uid"]) != str(event_of(notice(1))["uid"])


def test_stamp_is_the_sending_time() -> None:
    assert event_of(notice(1)).decoded("dtstamp") == SENT_AT


def test_the_description_says_who_gave_the_date_not_that_the_client_agreed() -> None:
    # W5: the client agreed to nothing; the studio communicated the new date.
    spanish = str(event_of(notice(1))["description"])
    english_notice = make_delay_notice(
        "en",
        project=make_project(key="p7"),
        case=make_case(new_on=date(2027, 1, 12)),
        offer=make_offer(),
    )
    english = str(event_of(english_notice)["description"])
    assert spanish == "Nueva fecha de entrega de Tienda en línea, comunicada por Estudio Norte."
    assert "acordada" not in spanish
    assert english.endswith(", communicated by Estudio Norte.")
