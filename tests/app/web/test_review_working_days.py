"""The review page promises the date it shows: a public holiday is refused, never moved in silence.

Before, a holiday typed in the date field stayed in the field while the slider, which holds only
working days, sat on the next one; approving then promised the slider's day (6 Jan shown, 7 Jan
promised in Spain) without a word.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.store.models import DelayCase, Message
from plazo.store.services.delays.cases import open_case_if_at_risk
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


def _draft_case() -> tuple[HttpClient, DelayCase]:
    now = timezone.now()
    org = load_demo(timezone.localdate()).organisation
    forecast = next(
        r.forecast for r in reforecast_active(org, now=now) if r.forecast.project.name == AT_RISK
    )
    opened = open_case_if_at_risk(load_project_snapshot(forecast.project), forecast, now=now)
    assert opened is not None
    browser = HttpClient()
    browser.force_login(User.objects.get(username=DEMO_USERNAME))
    return browser, opened[0]


def _fields(page: str) -> dict[str, str]:
    found = re.findall(
        r'<input type="(?:hidden|number|text|date|range)"[^>]*?name="([^"]+)" value="([^"]*)"',
        page,
    )
    fields = {name: value for name, value in found if name != "csrfmiddlewaretoken"}
    slider = re.search(r'<input type="range" id="day" name="day"[^>]*? value="(\d+)"', page)
    if slider:
        fields["day"] = slider.group(1)
    return fields


def _public_holiday(case: DelayCase) -> tuple[date, date]:
    """The first public holiday on a weekday after the recommended date (a slip the policy
    offers something for), and the working day after it."""
    calendar = case.project.work_calendar()
    assert case.recommended_on is not None
    day = case.recommended_on + timedelta(days=1)
    while day.weekday() >= 5 or calendar.is_working_day(day):
        day += timedelta(days=1)
    return day, calendar.next_working_day(day)


def test_a_holiday_in_the_date_field_is_refused_and_approving_promises_nothing_else() -> None:
    browser, case = _draft_case()
    holiday, next_working = _public_holiday(case)
    form = {**_fields(browser.get(f"/cases/{case.pk}/").content.decode()), **FACTS}

    # 1. The owner types the holiday; the live preview redraws the slider and the shown date.
    typed = {**form, "new_on": holiday.isoformat()}
    live = browser.post(f"/cases/{case.pk}/preview/", typed).content.decode()
    assert "is not a working day" in live
    assert f'name="pick_on" value="{next_working.isoformat()}"' in live
    redrawn = _fields(live)
    assert redrawn["shown_on"] == holiday.isoformat()

    # 2. Approve with the form as the page now holds it: refused, nothing queued, nothing promised.
    page = browser.post(
        f"/cases/{case.pk}/", {**typed, **redrawn, "action": "approve"}
    ).content.decode()
    assert "is not a working day" in page
    case.refresh_from_db()
    assert case.state == "draft"
    assert not Message.objects.filter(delay_case=case, kind="delay_notice").exists()
    assert _fields(page)["new_on"] == holiday.isoformat()  # still what the owner typed

    # 3. Taking the offered working day, then approving, promises exactly the day shown.
    picked = browser.post(
        f"/cases/{case.pk}/", {**typed, **redrawn, "pick_on": next_working.isoformat()}
    ).content.decode()
    shown = _fields(picked)
    assert shown["new_on"] == shown["shown_on"] == next_working.isoformat()
    assert "is not a working day" not in picked
    approved = browser.post(f"/cases/{case.pk}/", {**shown, **FACTS, "action": "approve"})
    assert approved.status_code == 302
    case.refresh_from_db()
    assert case.chosen_on == next_working


def test_without_javascript_a_holiday_approved_at_once_is_refused_too() -> None:
    browser, case = _draft_case()
    holiday, _ = _public_holiday(case)
    form = {**_fields(browser.get(f"/cases/{case.pk}/").content.decode()), **FACTS}
    page = browser.post(
        f"/cases/{case.pk}/", {**form, "new_on": holiday.isoformat(), "action": "approve"}
    ).content.decode()
    assert "is not a working day" in page
    case.refresh_from_db()
    assert case.state == "draft"


def test_the_slider_still_moves_the_date_after_a_refused_holiday() -> None:
    browser, case = _draft_case()
    holiday, next_working = _public_holiday(case)
    form = {**_fields(browser.get(f"/cases/{case.pk}/").content.decode()), **FACTS}
    typed = {**form, "new_on": holiday.isoformat()}
    redrawn = _fields(browser.post(f"/cases/{case.pk}/preview/", typed).content.decode())
    moved = {**typed, **redrawn, "day": str(int(redrawn["day"]) + 1)}
    live = browser.post(f"/cases/{case.pk}/preview/", moved).content.decode()
    assert "is not a working day" not in live
    chosen = _fields(live)["shown_on"]
    assert date.fromisoformat(chosen) > next_working
