"""The review page of a re-slip shows the promise history and asks what is different this time."""

from __future__ import annotations

import re
from datetime import date, timedelta

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
from tests.app.web.test_notice_review import FACTS

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


def _live(browser: HttpClient, case: DelayCase, new_on: date, **extra: str) -> str:
    """The live part of the review for the page's own form with ``new_on`` typed in."""
    page = browser.get(f"/cases/{case.pk}/").content.decode()
    fields = dict(re.findall(r'<input type="(?:hidden|number|text|date|range)"[^>]*?'
                             r'name="([^"]+)" value="([^"]*)"', page))  # fmt: skip
    fields.pop("csrfmiddlewaretoken", None)
    form = {**fields, **FACTS, "new_on": new_on.isoformat()}
    return browser.post(f"/cases/{case.pk}/preview/", form, **extra).content.decode()  # type: ignore[arg-type]


def _note_shown(live: str) -> bool:
    note = re.search(r'<p class="date-basis-note" id="date-basis-note"[^>]*>', live)
    assert note is not None, "the note is always there to be swapped in"
    return " hidden" not in note.group(0)


def test_a_date_below_the_forecasts_support_says_the_notice_drops_its_basis() -> None:
    browser, case = _case(moved_once=True)
    forecast = case.forecast
    assert forecast is not None
    assert forecast.finish_p50_on
    assert forecast.finish_p85_on
    # Past the P50 (no "below P50" warning), short of the 85 % the project asks for.
    between = forecast.finish_p50_on + (forecast.finish_p85_on - forecast.finish_p50_on) // 2
    assert forecast.finish_p50_on < between < forecast.finish_p85_on

    below = _live(browser, case, between)
    supported = _live(browser, case, forecast.finish_p95_on or forecast.finish_p85_on)

    assert _note_shown(below)
    assert "the notice will not say that the new date comes from the real pace" in below
    assert "de al menos el" not in below.split('id="h-preview"')[1]  # the notice: no basis
    assert not _note_shown(supported)
    assert "de al menos el" in supported.split('id="h-preview"')[1]


def test_the_note_on_the_dropped_basis_reads_in_spanish() -> None:
    browser, case = _case(moved_once=True)
    forecast = case.forecast
    assert forecast is not None
    assert forecast.finish_p50_on
    live = _live(browser, case, forecast.finish_p50_on, HTTP_ACCEPT_LANGUAGE="es")
    assert _note_shown(live)
    assert "El pronóstico da a esta fecha menos del 85 % del proyecto" in live


def test_a_first_slip_never_shows_the_note() -> None:
    browser, case = _case(moved_once=False)
    forecast = case.forecast
    assert forecast is not None
    assert forecast.finish_p50_on
    assert not _note_shown(_live(browser, case, forecast.finish_p50_on))
