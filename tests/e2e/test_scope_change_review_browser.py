"""W4 in the browser: on a fresh studio (``plazo init``, no demo), the owner says the delay is a
change of scope the client asked for, and the live preview tells it as the client's request —
at 1280 px and on a 375 px phone, without sideways scrolling."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from plazo.cli import main
from plazo.core.calendar import WorkCalendar
from plazo.store.models import Contact, DelayCase, Organisation
from plazo.store.services.work.records import create_client, create_project
from tests.e2e.browser import needs_chromium, screenshot

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]

EMAIL = "ana@estudionorte.example"
PASSWORD = "una-clave-larga"
FACTS = {
    "#cause": "la tienda tendrá también una versión en inglés",
    "#identified": "unas tres semanas de traducción, maquetación y pruebas",
    "#prevention": "acordaremos por escrito la fecha de cada cambio antes de empezarlo",
    "#recovery_steps": "traducir las fichas de producto\nprobar la versión en inglés en paralelo",
}


def _studio(tmp_path: Path) -> int:
    secret = tmp_path / "password.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    argv = ["init", "--organisation", "Estudio Norte", "--email", EMAIL, "--language", "es"]
    assert main([*argv, "--password-file", str(secret), "--country", "ES"]) == 0
    org = Organisation.objects.get()
    client = create_client(org, {"name": "Tacos Norte", "country": "MX", "register": "formal"})
    Contact.objects.create(
        organisation=org, client=client, name="Rosa Treviño", email="rosa@tacos.example"
    )
    project = create_project(
        org,
        {
            "client_id": client.pk,
            "name": "Tienda online",
            "start_on": timezone.localdate() - timedelta(days=30),
            "promised_on": timezone.localdate() + timedelta(days=21),
        },
        now=timezone.now(),
    )
    return project.pk


def _log_in(page: Any, url: str) -> None:
    page.goto(f"{url}/login/")
    page.fill("#id_username", EMAIL)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{url}/")


@pytest.mark.parametrize("width", [1280, 375])
def test_a_scope_change_is_previewed_as_the_clients_request(
    browser: Any, live_server: Any, tmp_path: Path, width: int
) -> None:
    project_id = _studio(tmp_path)
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="es-ES")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _log_in(page, live_server.url)
    page.goto(f"{live_server.url}/projects/{project_id}/delay-case/")
    page.click("button[type=submit].primary")  # open the case: nothing is opened before this
    page.wait_for_selector("#review-live")
    case = DelayCase.objects.get(project_id=project_id)
    page.check("input[name=cause_category][value=scope_change]")
    for field, text in FACTS.items():
        page.fill(field, text)
    assert case.previous_promised_on is not None
    new_day = WorkCalendar(country="MX").next_working_day(
        case.previous_promised_on + timedelta(days=15)
    )
    with page.expect_response(lambda r: r.url.endswith("/preview/")):
        page.fill("#new_on", new_day.isoformat())
    live = page.locator("#review-live", has_text="a petición suya")
    live.wait_for()
    text = live.inner_text()
    assert "la tienda tendrá también una versión en inglés" in text
    assert "bajo control" not in text
    assert "Le pido disculpas" not in text
    page.locator("[data-testid=no-offer-due]").wait_for()  # the default policy offers nothing
    page.wait_for_selector("#h-checker .badge.on_track")  # every part the notice needs is there
    assert "Un cambio de alcance que pidió el cliente" in page.inner_text("fieldset.cause-category")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(page, f"review-scope-change-{width}.png")
    assert errors == []
