"""The delay-notice review page: preview, save and approve through the form, live HTMX preview."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.store.models import DelayCase, Forecast, Message, Offer, Project
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.delays.draft import draft_from_case
from plazo.store.services.delays.review import review_notice
from plazo.store.services.forecasting.run import reforecast_active
from plazo.store.services.work.snapshots import load_project_snapshot
from tests.app.factories import make_case, make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db
AT_RISK = "Portal del inversor"
HOSTILE = '<script>alert("x")</script>'
FACTS = {
    "cause": "el proveedor del registro cambió su interfaz a mitad del proyecto",
    "identified": "son los cambios en la nueva interfaz, y ya tenemos su entorno de pruebas",
    "prevention": "validaremos cada integración externa con un prototipo en la primera semana",
    "recovery_steps": "dos personas en la integración\nmigración de contenidos en paralelo",
}


def _draft_case(*, csrf: bool = False) -> tuple[HttpClient, DelayCase]:
    """The demo forecast today, its at-risk project's draft case, and its owner logged in."""
    today = timezone.localdate()
    org = load_demo(today).organisation
    runs = reforecast_active(org, now=timezone.now())
    forecast = next(r.forecast for r in runs if r.forecast.project.name == AT_RISK)
    opened = open_case_if_at_risk(
        load_project_snapshot(forecast.project), forecast, now=timezone.now()
    )
    assert opened is not None
    browser = HttpClient(enforce_csrf_checks=csrf)
    browser.force_login(User.objects.get(username=DEMO_USERNAME))
    return browser, opened[0]


def _form(case: DelayCase, browser: HttpClient, **changes: str) -> dict[str, str]:
    """The page's own form fields (offers included), with the owner's facts and ``changes``."""
    page = browser.get(f"/cases/{case.pk}/").content.decode()
    fields = dict(re.findall(r'<input type="(?:hidden|number|text|date|range)"[^>]*?'
                             r'name="([^"]+)" value="([^"]*)"', page))  # fmt: skip
    fields.pop("csrfmiddlewaretoken", None)
    return {**fields, **FACTS, **changes}


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined,no-any-return]


def test_the_page_shows_the_recommended_date_with_its_chance_and_what_is_missing() -> None:
    browser, case = _draft_case()
    page = _text(browser.get(f"/cases/{case.pk}/"))
    assert case.recommended_on is not None
    assert f'value="{case.recommended_on.isoformat()}"' in page
    assert re.search(r'class="chance-value">\d+ %<', page)
    assert "Say what went wrong (the cause)." in page
    assert "below-p50" not in page
    assert 'type="range"' in page
    assert 'for="day"' in page


def test_a_date_before_the_p50_warns_and_the_recommended_one_does_not() -> None:
    browser, case = _draft_case()
    form = _form(case, browser)
    assert case.forecast is not None
    assert case.forecast.finish_p50_on is not None
    early = case.forecast.finish_p50_on - timedelta(days=2)
    warned = _text(browser.post(f"/cases/{case.pk}/preview/", {**form, "new_on": str(early)}))
    assert "Below the P50 date" in warned
    calm = _text(browser.post(f"/cases/{case.pk}/preview/", form))
    assert "Below the P50 date" not in calm


def test_the_slider_picks_a_working_day_and_the_page_redraws_the_date_field() -> None:
    browser, case = _draft_case()
    form = _form(case, browser, day="0")
    live = _text(browser.post(f"/cases/{case.pk}/preview/", form))
    moved = re.search(r'id="new_on" name="new_on" value="([\d-]+)"', live)
    assert moved is not None
    assert 'id="new-on-field" hx-swap-oob="true"' in live
    first = date.fromisoformat(moved.group(1))
    assert case.previous_promised_on is not None
    assert first > case.previous_promised_on
    assert first.weekday() < 5


def test_the_preview_is_in_the_clients_language_with_the_checkers_marks() -> None:
    browser, case = _draft_case()
    live = _text(browser.post(f"/cases/{case.pk}/preview/", _form(case, browser)))
    assert "all parts present" in live
    assert '<mark class="el apology"' in live
    assert "Lamento mucho" in live  # Spanish, formal: the client's language and register
    # Nothing but the live part (and the stake check above the date): the owner's fields stay put.
    assert 'id="new-on-field"' not in live
    assert 'id="day-field"' not in live
    assert 'id="offers-fieldset"' not in live


def test_the_checker_follows_the_facts_as_they_are_filled_in() -> None:
    browser, case = _draft_case()
    empty = _text(browser.post(f"/cases/{case.pk}/preview/", _form(case, browser, cause="")))
    assert "not ready" in empty
    assert "Say what went wrong (the cause)." in empty
    blaming = _form(case, browser, cause="ustedes no nos enviaron los textos a tiempo")
    warned = _text(browser.post(f"/cases/{case.pk}/preview/", blaming))
    assert "not ready" in warned
    assert 'class="warn blames_client"' in warned
    done = _text(browser.post(f"/cases/{case.pk}/preview/", _form(case, browser)))
    assert "all parts present" in done


def test_an_offer_above_the_cap_is_refused_and_one_within_it_is_shown() -> None:
    browser, case = _draft_case()
    form = _form(case, browser)
    cap = Decimal(re.findall(r'max="(\d+\.\d\d)"', _text(browser.get(f"/cases/{case.pk}/")))[0])
    preview = f"/cases/{case.pk}/preview/"
    too_much = _text(browser.post(preview, {**form, "offer-0-amount": str(cap + 1)}))
    assert "An offer can be worth at most" in too_much
    negative = _text(browser.post(f"/cases/{case.pk}/preview/", {**form, "offer-0-amount": "-5"}))
    assert "An amount cannot be negative." in negative
    edited = {**form, "offer-0-amount": "1000", "offer-0-description": "descuento especial"}
    shown = _text(browser.post(f"/cases/{case.pk}/preview/", edited))
    assert "descuento especial" in shown
    assert "1.000,00" in shown


def test_saving_keeps_the_draft_and_sends_nothing() -> None:
    browser, case = _draft_case()
    response = browser.post(f"/cases/{case.pk}/", {**_form(case, browser), "action": "save"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "draft"
    assert case.cause == FACTS["cause"]
    assert case.recovery_steps == FACTS["recovery_steps"].splitlines()
    assert not Message.objects.filter(kind="delay_notice").exists()
    assert FACTS["cause"] in _text(browser.get(f"/cases/{case.pk}/"))


def test_approving_queues_exactly_one_notice_and_records_the_promise_and_offer() -> None:
    browser, case = _draft_case()
    form = {**_form(case, browser), "offer-0-amount": "1000", "action": "approve"}
    response = browser.post(f"/cases/{case.pk}/", form, follow=True)
    assert response.redirect_chain[-1][0] == f"/projects/{case.project_id}/"
    assert "The delay notice is queued" in _text(response)
    notices = Message.objects.filter(kind="delay_notice", delay_case=case)
    assert [n.state for n in notices] == ["queued"]
    assert Offer.objects.filter(delay_case=case).first().amount == Decimal("1000")  # type: ignore[union-attr]
    case.refresh_from_db()
    assert case.state == "approved"
    assert Project.objects.get(pk=case.project_id).promised_on == case.chosen_on
    again = browser.post(f"/cases/{case.pk}/", form, follow=True)
    assert "no longer a draft" in _text(again)
    assert notices.count() == 1
    assert 'name="action"' not in _text(browser.get(f"/cases/{case.pk}/"))  # read-only now


def test_the_below_p50_warning_after_approval_is_in_the_owners_language() -> None:
    """The notice goes in the client's Spanish; the warning is for the owner, in the page's."""
    browser, case = _draft_case()
    assert case.forecast is not None
    assert case.forecast.finish_p50_on is not None
    calendar = case.project.work_calendar()
    early = case.forecast.finish_p50_on - timedelta(days=1)
    while not calendar.is_working_day(early):  # so the date itself is not refused
        early -= timedelta(days=1)
    form = {**_form(case, browser), "new_on": str(early), "action": "approve"}
    page = _text(browser.post(f"/cases/{case.pk}/", form, follow=True))
    assert "less than an even chance" in page
    assert "La previsión da a" not in page


def test_an_incomplete_notice_is_not_approved() -> None:
    browser, case = _draft_case()
    form = {**_form(case, browser, recovery_steps=""), "action": "approve"}
    response = browser.post(f"/cases/{case.pk}/", form)
    assert response.status_code == 200
    assert "Give the plan: at least one step." in _text(response)
    assert not Message.objects.filter(kind="delay_notice").exists()


def test_the_project_page_and_the_portfolio_link_to_the_review() -> None:
    browser, case = _draft_case()
    assert f'href="/cases/{case.pk}/"' in _text(browser.get(f"/projects/{case.project_id}/"))
    assert f'href="/cases/{case.pk}/"' in _text(browser.get("/"))


def test_every_form_post_needs_the_csrf_token() -> None:
    browser, case = _draft_case(csrf=True)
    form = _form(case, browser)
    for url in (f"/cases/{case.pk}/", f"/cases/{case.pk}/preview/"):
        for action in ("preview", "save", "approve"):
            assert browser.post(url, {**form, "action": action}).status_code == 403
    case.refresh_from_db()
    assert (case.state, case.cause) == ("draft", "")
    page = _text(browser.get(f"/cases/{case.pk}/"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    signed = {**form, "action": "save", "csrfmiddlewaretoken": token.group(1)}
    ok = browser.post(f"/cases/{case.pk}/", signed)
    assert ok.status_code == 302


def test_hostile_text_is_escaped_on_the_page_and_in_the_preview() -> None:
    browser, case = _draft_case()
    form = _form(case, browser, cause=HOSTILE, identified=HOSTILE, recovery_steps=HOSTILE)
    form["offer-0-description"] = HOSTILE
    for response in (
        browser.post(f"/cases/{case.pk}/preview/", form),
        browser.post(f"/cases/{case.pk}/", {**form, "action": "preview"}),
    ):
        text = _text(response)
        assert HOSTILE not in text
        assert "&lt;script&gt;" in text
    browser.post(f"/cases/{case.pk}/", {**form, "action": "save"})
    assert HOSTILE not in _text(browser.get(f"/cases/{case.pk}/"))


def test_a_case_without_a_forecast_or_a_date_asks_for_one() -> None:
    org = make_org()
    project = make_project(org, promised_on=timezone.localdate() + timedelta(days=20))
    case = make_case(project, previous_promised_on=project.promised_on)
    browser, _ = browser_for(org)
    response = browser.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    assert "Choose a new date." in _text(response)
    chosen = browser.post(f"/cases/{case.pk}/preview/", {"new_on": "2030-01-07", "offers": "0"})
    assert "No forecast to price this date with yet." in _text(chosen)


def test_the_page_speaks_spanish_to_a_spanish_owner() -> None:
    browser, case = _draft_case()
    page = _text(browser.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="es"))
    assert "Aprobar y enviar" in page
    assert "Diga qué salió mal (la causa)." in page
    assert "Probabilidad de cumplir la fecha nueva" in page


def test_approving_prices_and_composes_the_notice_once_and_reviews_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from plazo.store.services.delays import cases
    from plazo.web.views import notice_review

    browser, case = _draft_case()
    form = {**_form(case, browser), "action": "approve"}
    calls = {"review": 0, "compose": 0}
    review, compose = notice_review.review_notice, cases.compose_notice_with

    def counted_review(*args: object, **kwargs: object) -> object:
        calls["review"] += 1
        return review(*args, **kwargs)  # type: ignore[arg-type]

    def counted_compose(*args: object, **kwargs: object) -> object:
        calls["compose"] += 1
        return compose(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(notice_review, "review_notice", counted_review)
    monkeypatch.setattr(cases, "compose_notice_with", counted_compose)
    response = browser.post(f"/cases/{case.pk}/", form)
    assert response.status_code == 302
    assert calls == {"review": 0, "compose": 1}


def test_a_programming_error_is_never_shown_to_the_owner_as_advice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from plazo.web.views import notice_review

    browser, case = _draft_case()
    form = {**_form(case, browser), "action": "approve"}

    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("internal detail of a bug")

    monkeypatch.setattr(notice_review, "approve_notice", broken)
    with pytest.raises(ValueError, match="internal detail"):
        browser.post(f"/cases/{case.pk}/", form)


def test_the_recommendation_follows_the_current_forecast_not_the_one_at_opening() -> None:
    browser, case = _draft_case()
    opened_with = case.recommended_on
    assert opened_with is not None
    assert case.previous_promised_on is not None
    # Progress since the opening: a newer run recommends an earlier date (still after the promise).
    newer = Forecast.objects.get(pk=case.forecast.pk if case.forecast else 0)
    newer.pk = None
    newer.created_at = timezone.now() + timedelta(minutes=5)
    calendar = case.project.work_calendar()
    earlier = calendar.next_working_day(case.previous_promised_on + timedelta(days=1))
    assert earlier < opened_with
    newer.recommended_on = earlier
    newer.save()

    review = review_notice(case, draft_from_case(case), now=timezone.now())
    page = _text(browser.get(f"/cases/{case.pk}/"))

    assert review.recommended_on == earlier
    assert review.draft.new_on == earlier  # the owner has not picked a date: the default follows
    assert f'name="new_on" value="{earlier.isoformat()}"' in page
    case.refresh_from_db()
    assert case.recommended_on == opened_with  # the opening's recommendation stays on record


def test_a_complete_message_with_an_offer_over_the_cap_says_the_offer_is_what_needs_a_change() -> (
    None
):
    browser, case = _draft_case()
    form = _form(case, browser)
    cap = Decimal(re.findall(r'max="(\d+\.\d\d)"', _text(browser.get(f"/cases/{case.pk}/")))[0])
    too_much = {**form, "offer-0-amount": str(cap + 1)}
    live = _text(browser.post(f"/cases/{case.pk}/preview/", too_much))
    assert "all parts present; the offer needs a change" in live
    assert "not ready" not in live
    spanish = browser.post(f"/cases/{case.pk}/preview/", too_much, HTTP_ACCEPT_LANGUAGE="es")
    assert "todas las partes presentes; falta corregir la oferta" in _text(spanish)
