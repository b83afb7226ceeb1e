"""The admin approves notices and moves offers only through the use cases."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.store.models import DelayCase, Message, Offer, Project
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.forecasting.run import reforecast_active
from plazo.store.services.work.snapshots import load_project_snapshot
from tests.app.factories import NOW

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)


def _draft_case() -> tuple[HttpClient, DelayCase]:
    org = load_demo(TODAY).organisation
    runs = reforecast_active(org, now=NOW)
    portal = next(r.forecast for r in runs if r.forecast.project.name == "Portal del inversor")
    opened = open_case_if_at_risk(load_project_snapshot(portal.project), portal, now=NOW)
    assert opened is not None
    browser = HttpClient()
    browser.force_login(User.objects.get(username=DEMO_USERNAME))
    return browser, opened[0]


def _act(browser: HttpClient, model: str, action: str, pk: int) -> str:
    response = browser.post(
        f"/admin/plazo/{model}/", {"action": action, "_selected_action": [pk]}, follow=True
    )
    return response.content.decode()


def test_a_case_without_cause_and_plan_is_not_sent_and_says_why() -> None:
    browser, case = _draft_case()
    page = _act(browser, "delaycase", "approve_and_send_notices", case.pk)
    assert "not sent" in page
    assert "no cause" in page
    assert not Message.objects.filter(kind="delay_notice").exists()


def test_facts_in_another_language_than_the_clients_are_not_sent_from_the_admin() -> None:
    browser, case = _draft_case()  # the demo's client reads Spanish
    case.cause = "the share registry changed its interface"
    case.identified = "the new interface needs one call per movement"
    case.prevention = "we prototype every external integration in week one"
    case.recovery_steps = ["two people on the integration", "content migration in parallel"]
    case.save()
    page = _act(browser, "delaycase", "approve_and_send_notices", case.pk)
    assert "not sent" in page
    assert "confirm on its review page to send them as typed" in page
    assert not Message.objects.filter(kind="delay_notice").exists()


def test_a_complete_case_is_approved_and_its_notice_queued() -> None:
    browser, case = _draft_case()
    case.cause = "el proveedor del registro cambió su interfaz"
    case.identified = "la nueva interfaz pide una llamada por cada movimiento"
    case.prevention = "validaremos cada integración externa en la primera semana"
    case.recovery_steps = ["dos personas en la integración", "migración de contenidos en paralelo"]
    case.save()
    page = _act(browser, "delaycase", "approve_and_send_notices", case.pk)
    assert "notice queued" in page
    case.refresh_from_db()
    assert case.state == "approved"
    assert Project.objects.get(pk=case.project_id).promised_on == case.recommended_on
    offer = Offer.objects.filter(delay_case=case).first()
    assert offer is not None
    _act(browser, "offer", "accept_offers", offer.pk)
    _act(browser, "offer", "apply_offers", offer.pk)
    offer.refresh_from_db()
    assert (offer.state, offer.applied_amount) == ("applied", offer.amount)
