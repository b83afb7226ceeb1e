"""``/week/``: check-in times on the client's clock; no stale text under a replaced update."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from plazo.store.services.weeks.checkin_week import weekly_key
from tests.app.factories import make_client, make_contact, make_message, make_org, make_project
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
    settings.TIME_ZONE = "Europe/Madrid"  # type: ignore[attr-defined]
    org = make_org()
    client = make_client(org, name="Harbor Lane Studio", language="en", time_zone="Europe/London")
    make_contact(client, email="emma@harborlane.example")
    project = make_project(org, client, name="Portfolio website", checkin_hour=9)
    promise(project, timezone.localdate() + timedelta(days=60))
    browser, _ = browser_for(org)

    line = _row_line(browser.get("/week/").content.decode(), "Portfolio website")

    assert "09:00 (client&#x27;s time)" in line or "09:00 (client's time)" in line, line
    assert "10:00" not in line


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
