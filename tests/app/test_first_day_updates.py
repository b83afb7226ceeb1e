"""S7: a client's first days with plazo, through the real worker and a real SMTP server.

A project typed in on a Sunday owes no update for a check-in that was already past; an update
sent early ("send now" on Sunday) is Monday's, so Monday brings no second one; "done since the
last update" never repeats what the client already read; and while a delay notice awaits review
no update tells the client the old promise is on track.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from email import message_from_bytes
from email.message import Message as EmailMessage

import pytest

from plazo.store.models import Project, WorkItem
from plazo.store.services.checkins.week import decide_update, this_week
from plazo.store.services.checkins.weekly import compose_weekly_update_for, due_checkins
from plazo.store.services.editing.dashboard import finish_item
from plazo.worker.due import run_due_work
from tests.app.factories import (
    make_case,
    make_client,
    make_contact,
    make_item,
    make_org,
    make_project,
    make_user,
)
from tests.app.smtp_server import RecordingHandler
from tests.app.web.helpers import make_forecast, promise, send

pytestmark = pytest.mark.django_db(transaction=True)

SUNDAY = datetime(2026, 12, 6, 16, 0, tzinfo=UTC)  # 17:00 in Valencia
MONDAY = datetime(2026, 12, 7, 8, 30, tzinfo=UTC)  # 9:30: the Monday 9:00 check-in has come
MONDAY_9 = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
TUESDAY = datetime(2026, 12, 8, 11, 0, tzinfo=UTC)
NEXT_MONDAY = datetime(2026, 12, 14, 8, 30, tzinfo=UTC)
DONE_ON_SUNDAY = ("Diseño de la home", "Catálogo de vinos", "Ficha de producto", "Carrito")


def _typed_in_on_sunday() -> Project:
    """María's shop: started on 2 Nov, typed into plazo on Sunday 6 Dec with four tasks done."""
    org = make_org(sender_email="maria@ferrerweb.example", send_updates_automatically=True)
    owner = make_user(org, email="maria@ferrerweb.example", first_name="María")
    client = make_client(org, language="es", register="informal", time_zone="Europe/Madrid")
    make_contact(client, name="Javier Soler", email="javier@bodegas.example")
    project = make_project(
        org,
        client,
        name="Tienda online",
        owner=owner,
        start_on=date(2026, 11, 2),
        created_at=SUNDAY - timedelta(hours=2),
        capacity_hours_per_week=20,
        checkin_weekday=0,
        checkin_hour=9,
    )
    promise(project, date(2027, 1, 29), made_at=SUNDAY - timedelta(hours=2))
    for title in DONE_ON_SUNDAY:
        make_item(
            project,
            title=title,
            status="done",
            completed_on=date(2026, 12, 6),
            actual_hours=Decimal("8"),
            done_recorded_at=SUNDAY - timedelta(hours=1),
        )
    make_item(project, title="Pasarela Redsys", position=10)
    make_item(project, title="Envíos y zonas", position=11)
    return Project.objects.select_related("client").get(pk=project.pk)


def _texts(server: RecordingHandler) -> list[str]:
    """The plain-text part of every message the client received, in order."""
    texts = []
    for envelope in server.received:
        if "javier@bodegas.example" not in envelope.rcpt_tos:
            continue
        parsed: EmailMessage = message_from_bytes(envelope.content)
        for part in parsed.walk():
            if part.get_content_type() == "text/plain":
                payload = part.get_payload(decode=True)
                assert isinstance(payload, bytes)
                texts.append(payload.decode(part.get_content_charset() or "utf-8"))
    return texts


def _done_section(text: str) -> list[str]:
    """The bullet lines under "Hecho …:" in an update."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Hecho "))
    block = []
    for line in lines[start + 1 :]:
        if not line.startswith("- "):
            break
        block.append(line[2:])
    return block


def test_a_project_typed_in_on_sunday_is_first_due_at_the_next_checkin() -> None:
    project = _typed_in_on_sunday()

    (row,) = this_week(project.organisation, now=SUNDAY)

    assert row.due_at == MONDAY_9
    assert (row.state, row.due_now) == ("upcoming", False)
    assert project.pk not in due_checkins(now=SUNDAY)
    assert project.pk in due_checkins(now=MONDAY)


def test_send_now_on_sunday_is_mondays_update_and_nothing_is_repeated(
    mail_server: RecordingHandler,
) -> None:
    project = _typed_in_on_sunday()
    rng = random.Random(1)

    decide_update(project, "send", now=SUNDAY)
    run_due_work(now=SUNDAY + timedelta(minutes=1), rng=rng)
    run_due_work(now=MONDAY, rng=rng)  # Monday's check-in: already answered on Sunday

    (sunday_update,) = _texts(mail_server)
    assert sorted(_done_section(sunday_update)) == sorted(DONE_ON_SUNDAY)

    item = WorkItem.objects.get(project=project, title="Pasarela Redsys")
    finish_item(item, on=date(2026, 12, 8), actual_hours=Decimal("6"), now=TUESDAY)
    run_due_work(now=NEXT_MONDAY, rng=rng)

    first, second = _texts(mail_server)
    assert first == sunday_update
    assert "Hecho desde la última actualización:" in second
    assert _done_section(second) == ["Pasarela Redsys"]


def test_items_the_client_read_that_morning_are_not_listed_again() -> None:
    project = _typed_in_on_sunday()
    # The Sunday update went out at 17:00; one more task was recorded done at 19:00.
    send(project, sent_at=SUNDAY + timedelta(minutes=1), idempotency_key=f"weekly:{project.pk}:x")
    make_item(
        project,
        title="Textos legales",
        status="done",
        completed_on=date(2026, 12, 6),
        done_recorded_at=SUNDAY + timedelta(hours=2),
    )
    make_forecast(
        project,
        created_at=MONDAY,
        finish_p50_on=date(2026, 12, 17),
        finish_p85_on=date(2026, 12, 21),
        finish_p95_on=date(2026, 12, 23),
        p_on_time=0.97,
    )

    text = compose_weekly_update_for(project, now=MONDAY).text

    assert _done_section(text) == ["Textos legales"]


def test_while_a_delay_notice_awaits_review_no_update_says_on_track(
    mail_server: RecordingHandler,
) -> None:
    project = _typed_in_on_sunday()
    # María opened a delay case on Sunday (she knows of trouble the forecast does not see yet).
    make_case(project, trigger="person", state="draft", opened_at=SUNDAY)

    run_due_work(now=MONDAY, rng=random.Random(1))

    (update,) = _texts(mail_server)
    assert "Vamos bien" not in update
    assert "seguimos en plazo" not in update
    # The forecast meets the promise: the date is told as under review, not as a risk that
    # the update's own forecast line contradicts (docs/worker.md).
    review = "Estamos revisando la planificación de la fecha prometida, el 29 de enero de 2027"
    assert review in update
    assert "Hay riesgo" not in update
