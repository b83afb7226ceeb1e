"""A studio of one's own, from an empty install to an approved delay notice, in headless Chromium.

No demo: ``plazo init`` on a fresh database, then everything through the dashboard as a person
would do it: log in with the e-mail address, add a client and a project with a stake, quick-add
eight work items, mark three done with their hours and watch the forecast move, open this week's
updates, preview one and send it, open a delay case by hand, review it and approve it. Then the
portfolio shows the new promise with a forecast made after it, and the client's status page shows
the replaced promise. Screenshots go to tests/e2e/artifacts/studio-*.png (the README's come from
here).
"""

from __future__ import annotations

import random
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from plazo.cli import main
from plazo.core.calendar import WorkCalendar
from plazo.store.models import Commitment, DelayCase, Forecast, Message, Project, WorkItem
from plazo.web.templatetags.plazo import day
from plazo.worker.due import deliver_outbox
from tests.e2e.browser import needs_chromium, screenshot

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]

EMAIL = "ana@estudionorte.example"
PASSWORD = "una-clave-larga"
ITEMS = [
    "Arquitectura de la tienda, 6h",
    "Catálogo de productos, 10h",
    "Carrito y pago, 12h",
    "Cuentas de cliente, 8h",
    "Diseño de la portada, 6h",
    "Integración con el almacén, 14h",
    "Pruebas de carga, 6h",
    "Puesta en producción, 4h",
]
FACTS = {
    "#cause": "la integración con el almacén resultó más compleja de lo previsto",
    "#identified": "son los cambios de su interfaz de pedidos, y ya tenemos acceso a sus pruebas",
    "#prevention": "validaremos cada integración externa con un prototipo en la primera semana",
    "#recovery_steps": "dedicar a dos personas a la integración\nadelantar las pruebas de carga",
}


def _init(tmp_path: Path) -> None:
    secret = tmp_path / "password.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    argv = ["init", "--organisation", "Estudio Norte", "--email", EMAIL]
    assert main([*argv, "--password-file", str(secret), "--name", "Ana Pérez"]) == 0


def _note(page: Any) -> str:
    return str(page.inner_text("#forecast-note"))


def test_a_fresh_studio_runs_its_first_week_in_the_browser(
    browser: Any, live_server: Any, tmp_path: Path
) -> None:
    _init(tmp_path)
    today = timezone.localdate()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # 1. Log in with the e-mail address given to 'plazo init'.
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", EMAIL)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_selector("h1:has-text('Portfolio')")

    # 2. A client from a name and an e-mail address; the rest is the organisation's.
    page.click("a:has-text('New client')")
    page.fill("#id_name", "Librería Sol")
    page.fill("#id_contact_email", "eva@libreriasol.example")
    page.fill("#id_contact_name", "Eva Sol")
    page.click("button:has-text('Add the client')")
    page.wait_for_selector("h1:has-text('Librería Sol')")

    # 3. A project with a promise three weeks out and a stake a week after it.
    page.click("a:has-text('New project for this client')")
    promised = today + timedelta(days=21)
    page.fill("#id_name", "Tienda online")
    page.fill("#id_promised_on", promised.isoformat())
    page.fill("#id_stake", "la campaña de Reyes")
    page.fill("#id_stake_on", (promised + timedelta(days=7)).isoformat())
    page.fill("#id_capacity_hours_per_week", "40")  # comfortably on track: no case opens itself
    page.fill("#id_value", "9000")
    screenshot(page, "studio-new-project.png")
    page.click("button:has-text('Create the project')")
    page.wait_for_selector("h1:has-text('Work items: Tienda online')")
    project = Project.objects.get(name="Tienda online")
    assert project.owner is not None
    assert project.owner.email == EMAIL

    # 4. Eight items in one go, "Title, 6h" per line; the forecast follows before the page answers.
    page.fill("#id_lines", "\n".join(ITEMS))
    page.click("button:has-text('Add these items')")
    page.wait_for_selector("table.items tbody tr:nth-child(8)")
    assert "Forecast updated" in _note(page)
    before = Forecast.objects.filter(project=project).latest("created_at", "pk")
    note_before = _note(page)

    # 5. Three done with the hours they took (htmx swaps the section; no reload).
    for title, hours in (("Arquitectura", "7"), ("Catálogo", "9.5"), ("Diseño", "8")):
        row = page.locator("table.items tbody tr", has_text=title)
        row.locator("input[name=actual_hours]").fill(hours)
        row.locator("button:has-text('Mark done')").click()
        page.wait_for_selector(f"table.items tbody tr[data-status=done]:has-text('{title}')")
    after = Forecast.objects.filter(project=project).latest("created_at", "pk")
    assert after.pk != before.pk
    assert after.remaining_hours < before.remaining_hours
    assert _note(page) != note_before
    assert WorkItem.objects.filter(project=project, status="done").count() == 3
    screenshot(page, "studio-items.png")

    # 6. This week: the update, who gets it, its preview; send it now, and the worker sends it.
    page.click("nav >> text=This week")
    article = page.locator("article", has_text="Tienda online")
    assert "eva@libreriasol.example" in article.inner_text()
    article.locator("a:has-text('Preview')").click()
    article.locator(".mail-text").wait_for()
    assert "Tienda online" in article.locator(".mail-text").inner_text()
    screenshot(page, "studio-week.png")
    article.locator("button:has-text('Send now')").click()
    page.wait_for_selector(".notices >> text=queued in the outbox")
    update = Message.objects.get(project=project, kind="weekly_update")
    assert update.state == "queued"
    assert update.pk in deliver_outbox(now=timezone.now(), rng=random.Random(0)).sent
    page.reload()
    assert "sent" in page.locator("article", has_text="Tienda online").inner_text()

    # 7. The owner knows of a delay before the forecast does: a case opened by hand.
    page.click("nav >> text=Portfolio")
    page.click("table.portfolio >> text=Tienda online")
    page.click("a:has-text('Open a delay case')")
    page.click("button:has-text('Open the delay case')")  # nothing is opened before this
    page.wait_for_selector("#review-live")
    case = DelayCase.objects.get(project=project)
    assert case.trigger == "person"
    for field, text in FACTS.items():
        page.fill(field, text)
    # A date past the client's stake: the review must say so (the stake warning).
    new_day = WorkCalendar(country="ES").next_working_day(promised + timedelta(days=10))
    new_on = new_day.isoformat()
    page.fill("#new_on", new_on)
    # The live preview answers with the chance of the new date (and redraws the offer rows).
    page.locator("#review-live", has_text=f"{new_day.day} {new_day:%b %Y}").wait_for()
    amount = page.locator("#offer-0-amount")
    if amount.count() and float(amount.input_value() or 0) == 0:
        amount.fill("300")
        page.fill("#offer-0-description", "un descuento de 300 € sobre este proyecto")
    page.wait_for_selector("#h-checker .badge.on_track")
    assert new_on > (promised + timedelta(days=7)).isoformat()  # after the stake's date
    assert page.locator("[data-testid=stake-warning]").is_visible()  # the date misses the stake
    screenshot(page, "studio-review.png")
    page.click("button[value=approve]")
    page.wait_for_selector(".notices >> text=The delay notice is queued")

    # 8. The portfolio shows the new promise and a forecast made against it.
    project.refresh_from_db()
    assert project.promised_on is not None
    assert project.promised_on.isoformat() == new_on
    latest = Forecast.objects.filter(project=project).latest("created_at", "pk")
    approved_at = Commitment.objects.get(project=project, is_current=True).made_at
    assert latest.created_at >= approved_at
    page.click("nav >> text=Portfolio")
    row = page.locator("table.portfolio tbody tr", has_text="Tienda online")
    assert day(project.promised_on) in row.inner_text()
    assert latest.finish_p85_on is not None
    assert day(latest.finish_p85_on) in row.inner_text()
    screenshot(page, "studio-portfolio.png")

    # 9. The client's status page shows the old promise beside the new one.
    page.click("table.portfolio >> text=Tienda online")
    page.click("button:has-text('Create a link')")
    link = page.input_value(".link-field")
    client_page = browser.new_page(viewport={"width": 390, "height": 844}, locale="es-ES")
    client_page.goto(link)
    text = client_page.inner_text("main")
    assert f"{promised.day}" in text
    assert str(project.promised_on.day) in text
    assert client_page.locator("th[scope=row]").count() == 2  # the replaced and the current
    assert re.search(
        r"(replaced on .+ by a (new|later) date"
        r"|sustituida el .+ por una (nueva fecha|fecha posterior))",
        text,
    ), text
    screenshot(client_page, "studio-status-page.png")
    assert errors == []
