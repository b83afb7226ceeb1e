"""A first weekly update lists what is done so far, not "nothing this week"."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from plazo.store.services.checkins.weekly import compose_weekly_update_for
from tests.app.factories import (
    UTC,
    make_client,
    make_contact,
    make_item,
    make_org,
    make_project,
    make_user,
)
from tests.app.web.helpers import make_forecast, promise, send

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # a Monday


def _project():  # type: ignore[no-untyped-def]
    org = make_org()
    client = make_client(org, language="es", register="informal", time_zone="Europe/Madrid")
    make_contact(client, name="Mateo Ruiz", email="mateo@example.com")
    owner = make_user(org, first_name="Ana", last_name="Ruiz", email="ana@estudio.example")
    project = make_project(
        org, client, start_on=date(2026, 11, 2), capacity_hours_per_week=20, owner=owner
    )
    promise(project, date(2027, 1, 15), made_at=NOW - timedelta(days=30))
    project.refresh_from_db()
    # Two tasks finished two and three weeks ago: before "the last seven days".
    make_item(project, title="Maquetación", status="done", completed_on=date(2026, 11, 16))
    make_item(project, title="Catálogo", status="done", completed_on=date(2026, 11, 20))
    make_item(project, title="Pasarela de pago")
    make_forecast(project, created_at=NOW)
    return project


def test_the_first_update_lists_both_tasks_done_before_last_week() -> None:
    project = _project()
    text = compose_weekly_update_for(project, now=NOW).text
    assert "Hecho hasta ahora:" in text
    assert "- Maquetación" in text
    assert "- Catálogo" in text
    assert "no hay entregables cerrados" not in text
    assert text.startswith("Hola, Mateo:")


def test_a_later_update_lists_only_what_was_done_since_the_last_one() -> None:
    project = _project()
    send(project, sent_at=datetime(2026, 11, 18, 9, 0, tzinfo=UTC))
    text = compose_weekly_update_for(project, now=NOW).text
    assert "Hecho desde la última actualización:" in text
    assert "- Catálogo" in text
    assert "Maquetación" not in text
