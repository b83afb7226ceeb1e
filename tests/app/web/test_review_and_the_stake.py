"""The review page warns when a date misses the stake and offers the latest that still makes it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.store.models import DelayCase, Message
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.delays.draft import draft_from_case
from plazo.store.services.delays.review import review_notice
from plazo.store.services.forecasting.run import reforecast_active
from plazo.store.services.work.snapshots import load_project_snapshot

pytestmark = pytest.mark.django_db
AT_RISK = "Portal del inversor"
FACTS = {
    "cause": "el proveedor del registro cambió su interfaz a mitad del proyecto",
    "identified": "son los cambios en la nueva interfaz, y ya tenemos su entorno de pruebas",
    "prevention": "validaremos cada integración externa con un prototipo en la primera semana",
    "recovery_steps": "dos personas en la integración\nmigración de contenidos en paralelo",
}
WARNING = 'data-testid="stake-warning"'


def _case_with_stake(offset_days: int) -> tuple[HttpClient, DelayCase]:
    """The demo's at-risk case, its stake moved to the recommended date plus ``offset_days``."""
    org = load_demo(timezone.localdate()).organisation
    runs = reforecast_active(org, now=timezone.now())
    forecast = next(r.forecast for r in runs if r.forecast.project.name == AT_RISK)
    opened = open_case_if_at_risk(
        load_project_snapshot(forecast.project), forecast, now=timezone.now()
    )
    assert opened is not None
    case = opened[0]
    assert case.recommended_on is not None
    project = case.project
    project.stake_on = case.recommended_on + timedelta(days=offset_days)
    project.save(update_fields=["stake_on"])
    browser = HttpClient()
    browser.force_login(User.objects.get(username=DEMO_USERNAME))
    return browser, DelayCase.objects.get(pk=case.pk)


def _fields(page: str) -> dict[str, str]:
    fields = dict(re.findall(r'<input type="(?:hidden|number|text|date|range)"[^>]*?'
                             r'name="([^"]+)" value="([^"]*)"', page))  # fmt: skip
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def test_a_recommended_date_before_the_stake_shows_no_warning() -> None:
    browser, case = _case_with_stake(+10)
    page = browser.get(f"/cases/{case.pk}/").content.decode()
    assert WARNING not in page
    review = review_notice(case, draft_from_case(case), now=timezone.now())
    assert review.stake is not None
    assert not review.stake.warn


@pytest.mark.parametrize("offset", [0, -3], ids=["on-the-stake", "after-the-stake"])
def test_a_recommended_date_on_or_after_the_stake_warns_above_the_date(offset: int) -> None:
    browser, case = _case_with_stake(offset)
    page = browser.get(f"/cases/{case.pk}/").content.decode()
    assert WARNING in page
    assert page.index(WARNING) < page.index('id="new_on"')  # above the date
    review = review_notice(case, draft_from_case(case), now=timezone.now())
    stake = review.stake
    assert stake is not None
    assert stake.recommended_misses
    assert stake.chosen_misses
    assert stake.latest_on is not None
    assert stake.latest_on < stake.stake_on
    assert case.previous_promised_on is not None
    assert stake.latest_on > case.previous_promised_on
    assert stake.latest_chance is not None
    assert review.recommended_chance is not None
    assert stake.latest_chance <= review.recommended_chance  # earlier is never likelier
    assert f'name="pick_on" value="{stake.latest_on.isoformat()}"' in page


def test_picking_the_latest_date_for_the_stake_moves_the_date_and_the_notice() -> None:
    browser, case = _case_with_stake(0)
    review = review_notice(case, draft_from_case(case), now=timezone.now())
    assert review.stake is not None
    latest = review.stake.latest_on
    assert latest is not None
    page = browser.get(f"/cases/{case.pk}/").content.decode()
    form = {**_fields(page), **FACTS, "pick_on": latest.isoformat()}
    answer = browser.post(f"/cases/{case.pk}/", form).content.decode()
    assert f'name="new_on" value="{latest.isoformat()}"' in answer
    assert "no llegaremos a tiempo" not in answer  # the notice now makes the stake
    assert WARNING in answer  # the recommended date still misses it: the owner still sees why


def test_an_approved_notice_past_the_stake_names_what_will_be_ready() -> None:
    browser, case = _case_with_stake(-3)
    page = browser.get(f"/cases/{case.pk}/").content.decode()
    ready = "la web de accionistas con los resultados del año"
    form = {**_fields(page), **FACTS, "ready_for_stake": ready, "action": "approve"}
    response = browser.post(f"/cases/{case.pk}/", form)
    assert response.status_code == 302
    notice = Message.objects.get(kind="delay_notice", delay_case=case)
    assert "no llegaremos a tiempo" in notice.text
    assert f"Antes de esa fecha sí podremos entregarle {ready}." in notice.text
    case.refresh_from_db()
    assert case.ready_for_stake == ready


def test_the_live_preview_redraws_the_stake_check() -> None:
    browser, case = _case_with_stake(0)
    page = browser.get(f"/cases/{case.pk}/").content.decode()
    live = browser.post(f"/cases/{case.pk}/preview/", {**_fields(page), **FACTS}).content.decode()
    assert '<div id="stake-check" hx-swap-oob="true">' in live
    assert WARNING in live


def test_the_spanish_help_contracts_de_el_before_a_stake_starting_with_el() -> None:
    browser, case = _case_with_stake(0)
    project = case.project
    project.stake = "el cierre de pedidos de Navidad"
    project.save(update_fields=["stake"])
    page = browser.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "antes del cierre de pedidos de Navidad" in page
    assert "antes de el cierre" not in page
    english = browser.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "delivered before el cierre de pedidos de Navidad" in english
