"""The status page speaks to the client: their stake is "your date", in their register."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from plazo.store.services.access.status_pages import ensure_status_page
from tests.app.factories import make_client, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, promise

pytestmark = pytest.mark.django_db


def _pages(register: str) -> tuple[str, str]:
    org = make_org()
    client = make_client(org, language="es", register=register)
    today = timezone.localdate()
    project = make_project(
        org,
        client,
        start_on=today - timedelta(days=30),
        stake="la feria",
        stake_on=today + timedelta(days=40),
    )
    promise(project, today + timedelta(days=20))
    make_forecast(project)
    browser = browser_for(org)[0]
    token = ensure_status_page(project, now=timezone.now()).token
    status = browser.get(f"/s/{token}/").content.decode()
    owner = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    return status, owner


@pytest.mark.parametrize(("register", "words"), [("formal", "su fecha"), ("informal", "tu fecha")])
def test_the_client_reads_your_date_not_client_needs_it(register: str, words: str) -> None:
    status, owner = _pages(register)
    assert f">{words}</text>" in status
    assert "el cliente lo necesita" not in status
    assert "el cliente lo necesita" in owner  # the owner's page still speaks about the client


def test_dates_read_one_way_on_the_status_page() -> None:
    status, _ = _pages("formal")
    months = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
              "septiembre", "octubre", "noviembre", "diciembre")  # fmt: skip
    assert not any(f" {month} " in status for month in months)  # no long month names
    assert not any(m in status for m in (" Ene ", " Dic ", " Nov "))  # no capitalised ones
