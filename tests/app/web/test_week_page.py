"""``/week/``: check-in times on the client's clock; no stale text under a replaced update."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from plazo.store.models import DelayCase, Message, Organisation, Project
from plazo.store.services.weeks.checkin_week import weekly_key
from tests.app.factories import (
    make_client,
    make_contact,
    make_message,
    make_org,
    make_project,
    make_user,
)
from tests.app.web.helpers import browser_for, make_forecast, promise

pytestmark = pytest.mark.django_db


def _row_line(page: str, name: str) -> str:
    """The muted line under the project's heading: client, due time, recipients."""
    article = page[page.index(f">{name}</a>") :]
    match = re.search(r'<p class="muted">(.*?)</p>', article, flags=re.S)
    assert match is not None
    return match.group(1)


def test_the_due_time_is_the_clients_wall_clock(settings: pytest.FixtureRequest) -> None:
    # M1: the studio is in Madrid, the client in London; the check-in is 9:00 London time.
    settings.TIME_ZONE = "Europe/Madrid"
    org = make_org()
    client = make_client(org, name="Harbor Lane Studio", language="en", time_zone="Europe/London")
    make_contact(client, email="emma@harborlane.example")
    project = make_project(org, client, name="Portfolio website", checkin_hour=9)
    promise(project, timezone.localdate() + timedelta(days=60))
    browser, _ = browser_for(org)

    line = _row_line(browser.get("/week/").content.decode(), "Portfolio website")

    assert "09:00 (client's time, London)" in line, line
    assert "10:00" not in line


def test_the_due_time_names_the_clients_place_in_the_pages_language() -> None:
    org = make_org(time_zone="Europe/Madrid")
    client = make_client(org, language="es", time_zone="America/Argentina/Buenos_Aires")
    make_contact(client)
    project = make_project(org, client, name="Tienda en línea", checkin_hour=9)
    promise(project, timezone.localdate() + timedelta(days=60))
    other = make_client(org, language="es", time_zone="America/Mexico_City")
    make_contact(other)
    second = make_project(org, other, name="Intranet", checkin_hour=9)
    promise(second, timezone.localdate() + timedelta(days=60))
    browser, _ = browser_for(org)

    page = browser.get("/week/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "09:00 (hora del cliente, Buenos Aires)" in _row_line(page, "Tienda en línea")
    assert "09:00 (hora del cliente, Ciudad de México)" in _row_line(page, "Intranet")


def test_a_replaced_update_shows_no_stale_text() -> None:
    # M12: the week's update was written, then the delay notice replaced it.
    org = make_org()
    client = make_client(org, language="es", time_zone="Europe/Madrid")
    make_contact(client)
    project = make_project(org, client, name="Intranet de pedidos")
    promise(project, timezone.localdate() + timedelta(days=30))
    make_forecast(project)
    now = timezone.now()
    make_message(
        project,
        idempotency_key=weekly_key(project, now),
        state="cancelled",
        text="Al ritmo actual no llegaremos a la fecha prometida. Te escribiré por separado.",
        created_at=now - timedelta(minutes=5),
    )
    make_message(
        project,
        kind="delay_notice",
        idempotency_key=f"delay:{project.pk}:1",
        state="queued",
        subject="Intranet de pedidos: nueva fecha",
        created_at=now - timedelta(minutes=1),
    )
    browser, _ = browser_for(org)

    page = browser.get("/week/").content.decode()

    assert 'data-testid="week-state">' in page
    assert "Intranet de pedidos: nueva fecha" in page
    assert "Al ritmo actual no llegaremos" not in page


def _waiting_update(text: str) -> tuple[Organisation, Project, Message]:
    """A studio that approves its updates, with this week's draft reading ``text``."""
    org = make_org()
    org.send_updates_automatically = False
    org.save()
    client = make_client(org, language="es", time_zone="Europe/Madrid")
    make_contact(client)
    owner = make_user(org, email="ana@estudio.example", first_name="Ana")
    project = make_project(org, client, name="Intranet de pedidos", owner=owner)
    promise(project, timezone.localdate() + timedelta(days=60))
    make_forecast(project)
    update = make_message(
        project,
        idempotency_key=weekly_key(project, timezone.now()),
        state="draft",
        text=text,
        created_at=timezone.now() - timedelta(hours=1),
    )
    return org, project, update


def test_send_now_refuses_the_text_the_page_showed_when_the_stored_one_is_newer() -> None:
    # Finding 5: the approver read text A; the client got text B.
    org, project, update = _waiting_update("Hay riesgo de que no lleguemos (texto viejo).")
    browser, _ = browser_for(org)
    page = browser.get("/week/").content.decode()
    assert "texto viejo" in page
    shown = re.search(r'name="version" value="([0-9a-f]+)" form="send-(\d+)"', page)
    assert shown is not None
    assert shown.group(2) == str(project.pk)
    assert f'id="send-{project.pk}"' in page

    # Send now rewrites the draft from the forecast: the words differ from those shown.
    response = browser.post(
        f"/week/{project.pk}/decide/",
        {"decision": "send", "version": shown.group(1)},
        follow=True,
    )

    update.refresh_from_db()
    assert update.state == "draft"
    after = response.content.decode()
    assert "the text you read is no longer what would be sent" in after
    assert "texto viejo" not in after
    assert "Vamos bien" in after  # the new text, for the person to read and send again
    again = re.search(r'name="version" value="([0-9a-f]+)"', after)
    assert again is not None
    browser.post(
        f"/week/{project.pk}/decide/",
        {"decision": "send", "version": again.group(1)},
    )
    update.refresh_from_db()
    assert update.state == "queued"
    assert "Vamos bien" in update.text


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "A draft delay notice waits for review"),
        ("es", "Un aviso de retraso en borrador espera revisión"),
    ],
)
def test_a_waiting_draft_case_is_named_on_the_card_with_a_link(language: str, words: str) -> None:
    # Finding 6: the update's wording follows a draft case; the card says so and where it is.
    org, project, _update = _waiting_update("Texto de la actualización.")
    case = DelayCase.objects.create(
        organisation_id=org.pk,
        project=project,
        trigger="person",
        opened_at=timezone.now(),
        previous_promised_on=project.promised_on,
    )
    browser, _ = browser_for(org)
    page = browser.get("/week/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    card = page[page.index('data-testid="draft-case"') :]
    assert words in card
    assert f'href="/cases/{case.pk}/"' in card.split("</p>", 1)[0]
