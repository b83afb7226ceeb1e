"""The editing forms in Spanish, in headless Chromium: dates and numbers show, saving keeps them.

Chromium's ``type=date`` and ``type=number`` inputs read only ISO days and dot decimals; a value
in the Spanish format shows as an empty box, so these are browser-only bugs (findings B1, S2).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from plazo.store.models import Project
from tests.app.factories import make_client, make_item, make_org, make_project, make_user
from tests.e2e.browser import needs_chromium, screenshot

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-for-tests"  # the factories' password


def _studio() -> tuple[str, Project]:
    org = make_org(name="María Ferrer Web")
    user = make_user(org, username="maria")
    client = make_client(org, name="Harbor Lane Studio", language="en")
    project = make_project(
        org,
        client,
        name="Portfolio website",
        start_on=date(2026, 11, 2),
        promised_on=date(2027, 1, 29),
        stake="la campaña de San Valentín",
        stake_on=date(2027, 2, 1),
        capacity_hours_per_week=Decimal("20"),
        owner=user,
        country="GB",
    )
    make_item(project, title="Pruebas en móvil", estimate_hours=Decimal("1.5"))
    return user.username, project


def _log_in(page: Any, url: str, username: str) -> None:
    page.goto(f"{url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_load_state("networkidle")


def test_in_spanish_the_project_dates_show_and_saving_keeps_the_key_date(
    browser: Any, live_server: Any
) -> None:
    username, project = _studio()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="es-ES")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    _log_in(page, live_server.url, username)

    page.goto(f"{live_server.url}/projects/{project.pk}/edit/")
    assert page.input_value("#id_start_on") == "2026-11-02"
    assert page.input_value("#id_promised_on") == "2027-01-29"
    assert page.input_value("#id_stake_on") == "2027-02-01"
    page.fill("#id_capacity_hours_per_week", "25")
    screenshot(page, "es-project-edit.png")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/projects/{project.pk}/")

    project.refresh_from_db()
    assert project.capacity_hours_per_week == Decimal("25")
    assert project.stake_on == date(2027, 2, 1)
    assert project.promised_on == date(2027, 1, 29)
    assert not [text for text in console if "does not conform" in text], console

    page.goto(f"{live_server.url}/projects/{project.pk}/items/")
    estimate = page.locator("input[name=estimate_hours]").first
    assert estimate.input_value() == "1.5"
    assert not [text for text in console if "cannot be parsed" in text], console


def test_in_spanish_a_project_under_way_gets_its_history(browser: Any, live_server: Any) -> None:
    username, project = _studio()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="es-ES")
    _log_in(page, live_server.url, username)
    page.goto(f"{live_server.url}/projects/{project.pk}/items/")

    # Items typed in today, as the quick add does by default ...
    page.fill("#id_lines", "Diseño de la home, 9h")
    page.click("button:has-text('Añadir estas tareas')")
    page.wait_for_selector("tr:has-text('Diseño de la home')")
    home = project.work_items.get(title="Diseño de la home")
    assert home.added_on == project.client_today(timezone.now())
    # ... or dated back to when they entered the plan: the picker starts at the project's start.
    added = page.locator("#id_added_on")
    assert added.get_attribute("min") == "2026-11-02"
    added.fill("2026-11-02")
    page.fill("#id_lines", "Catálogo, 1,5h")
    page.click("button:has-text('Añadir estas tareas')")
    page.wait_for_selector("tr:has-text('Catálogo')")
    catalogue = project.work_items.get(title="Catálogo")
    assert catalogue.added_on == date(2026, 11, 2)
    assert page.locator(f"#est-{catalogue.pk}").input_value() == "1.5"

    # Work done on 6 Nov, before its item was typed in: recorded on its day.
    assert page.locator(f"#on-{home.pk}").get_attribute("min") == "2026-11-02"
    page.fill(f"#hours-{home.pk}", "9")
    page.fill(f"#on-{home.pk}", "2026-11-06")
    page.click(f"tr[data-item='{home.pk}'] button:has-text('Marcar como hecha')")
    page.wait_for_selector(f"tr[data-item='{home.pk}'][data-status='done']")
    assert page.locator("p.error").count() == 0
    home.refresh_from_db()
    assert (home.completed_on, home.actual_hours) == (date(2026, 11, 6), Decimal("9"))
    assert home.added_on == date(2026, 11, 6)
    screenshot(page, "es-items-under-way.png")
