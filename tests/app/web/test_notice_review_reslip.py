"""The review page of a re-slip shows the promise history and asks what is different this time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.store.models import DelayCase, Project
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.forecasting.run import reforecast_active
from plazo.store.services.ledger.promises import record_promise
from plazo.store.services.work.snapshots import load_project_snapshot
from plazo.web.templatetags.plazo import day

pytestmark = pytest.mark.django_db
AT_RISK = "Portal del inversor"


def _case(*, moved_once: bool) -> tuple[HttpClient, DelayCase]:
    """The demo's at-risk project's draft case; ``moved_once``: its promise was moved a week
    later once before the case opened (the ledger then holds two promises)."""
    now = timezone.now()
    org = load_demo(timezone.localdate()).organisation
    project = Project.objects.get(organisation=org, name=AT_RISK)
    if moved_once:
        assert project.promised_on is not None
        record_promise(
            project,
            project.promised_on + timedelta(days=7),
            made_at=now,
            told_on=project.client_today(now),
            reason="told by phone",
        )
    runs = reforecast_active(org, now=now + timedelta(seconds=1))
    forecast = next(r.forecast for r in runs if r.forecast.project.name == AT_RISK)
    opened = open_case_if_at_risk(
        load_project_snapshot(forecast.project), forecast, now=now + timedelta(seconds=1)
    )
    assert opened is not None
    browser = HttpClient()
    browser.force_login(User.objects.get(username=DEMO_USERNAME))
    return browser, opened[0]


def test_a_re_slip_shows_the_history_and_asks_what_is_different_this_time() -> None:
    browser, case = _case(moved_once=True)
    first = case.project.commitments.order_by("made_at").first()
    assert first is not None
    assert case.previous_promised_on == first.promised_on + timedelta(days=7)

    page = browser.get(f"/cases/{case.pk}/").content.decode()

    history = (
        f"Second change of date: first promised {day(first.promised_on)}, "
        f"then {day(case.previous_promised_on)}"
    )
    assert history in page
    assert 'data-testid="reslip-note"' in page
    assert "What is different this time" in page
    assert "What prevents it from happening again" not in page


def test_the_history_reads_in_spanish() -> None:
    browser, case = _case(moved_once=True)
    page = browser.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Segundo cambio de fecha: primero se prometió el " in page
    assert "Qué cambia esta vez" in page


def test_a_first_slip_shows_no_history() -> None:
    browser, case = _case(moved_once=False)
    page = browser.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="date-history"' not in page
    assert 'data-testid="reslip-note"' not in page
    assert "What prevents it from happening again" in page
