"""Outsider 6, B2: on /projects/N/edit/ a later "Fecha prometida" with "Por qué cambia la promesa"
empty was saved ("Cambiada en el panel."), opened no delay case, sent nothing, and the ledger
counted it as notice given 29 working days ahead. A later date now waits in the delay notice."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from plazo.store.models import Commitment, DelayCase, Project
from plazo.store.services.ledger.promises import record_promise
from tests.app.factories import make_client, make_item, make_org, make_project
from tests.app.web.helpers import browser_for, promise

pytestmark = pytest.mark.django_db


def _kitchen(**client: Any) -> tuple[Any, Project]:
    org = make_org()
    browser, person = browser_for(org)
    project = make_project(
        org,
        make_client(org, name="Familia Soler", **client),
        name="Cocina",
        start_on=timezone.localdate() - timedelta(days=14),
        owner=person,
    )
    make_item(project, estimate_hours=10)
    promise(project, timezone.localdate() + timedelta(days=50), made_at=timezone.now())
    project.refresh_from_db()
    return browser, project


def _post(browser: Any, project: Project, **changes: Any) -> Any:
    url = reverse("web:project_edit", args=[project.pk])
    form = browser.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update({k: v.isoformat() if isinstance(v, date) else v for k, v in changes.items()})
    return browser.post(url, data, follow=True)


def test_a_later_date_goes_to_the_delay_notice_and_the_promise_stays() -> None:
    browser, project = _kitchen()
    promised, later = project.promised_on, project.promised_on + timedelta(days=7)  # type: ignore[operator]
    page = _post(browser, project, promised_on=later, stake="la boda")
    case = DelayCase.objects.get(project=project)
    assert page.redirect_chain[-1][0] == reverse("web:delay_case", args=[case.pk])
    assert (case.state, case.chosen_on) == ("draft", later)
    project.refresh_from_db()
    assert (project.promised_on, project.stake) == (promised, "la boda")  # the rest is saved
    assert Commitment.objects.filter(project=project).count() == 1
    text = page.content.decode()
    assert "The promise to the client is still" in text
    assert "approve and send it" in text


def test_the_same_in_spanish() -> None:
    browser, project = _kitchen()
    browser.cookies["django_language"] = "es"
    later = project.promised_on + timedelta(days=7)  # type: ignore[operator]
    page = _post(browser, project, promised_on=later)
    assert "La promesa al cliente sigue siendo" in page.content.decode()


def test_an_earlier_date_is_saved_at_once() -> None:
    browser, project = _kitchen()
    earlier = project.promised_on - timedelta(days=7)  # type: ignore[operator]
    page = _post(browser, project, promised_on=earlier)
    assert page.redirect_chain[-1][0] == reverse("web:project", args=[project.pk])
    project.refresh_from_db()
    assert project.promised_on == earlier
    assert not DelayCase.objects.filter(project=project).exists()


def test_told_outside_plazo_needs_why_and_is_shown_as_told() -> None:
    browser, project = _kitchen()
    later = project.promised_on + timedelta(days=7)  # type: ignore[operator]
    today = timezone.localdate()
    refused = _post(browser, project, promised_on=later, promise_told_on=today)
    assert "Say why the promise changes" in refused.content.decode()
    assert Commitment.objects.filter(project=project).count() == 1
    saved = _post(
        browser, project, promised_on=later, promise_told_on=today, promise_reason="llamé a Vicente"
    )
    assert saved.redirect_chain[-1][0] == reverse("web:project", args=[project.pk])
    assert "told outside plazo" in saved.content.decode()
    assert not DelayCase.objects.filter(project=project).exists()


def test_the_edit_form_explains_the_rule() -> None:
    browser, project = _kitchen()
    form = browser.get(reverse("web:project_edit", args=[project.pk])).content.decode()
    assert "Moving it later is a delay" in form
    assert "The day you told them" in form


def test_the_ledger_lists_an_old_silent_slip_and_counts_no_notice_for_it() -> None:
    browser, project = _kitchen()
    later = project.promised_on + timedelta(days=7)  # type: ignore[operator]
    record_promise(project, later, made_at=timezone.now(), unannounced=True)
    page = browser.get(reverse("web:ledger")).content.decode()
    assert "Dates moved later without telling the client" in page
    assert "without telling the client: they still count on this one" in page
    assert "no replaced deadline in the period" in page  # no notice lead counted
    project_page = browser.get(reverse("web:project", args=[project.pk])).content.decode()
    assert "without telling the client" in project_page


def test_telling_the_client_yourself_closes_the_draft_that_carried_a_proposed_date() -> None:
    """Fixrest6: a later date proposed in the form (the draft case's chosen date), then the
    client told outside plazo of another date: the draft would announce a stale date, so plazo
    closes it, saying why; the promise is the told one."""
    browser, project = _kitchen()
    proposed, told = (project.promised_on + timedelta(days=d) for d in (7, 10))  # type: ignore[operator]
    _post(browser, project, promised_on=proposed)
    case = DelayCase.objects.get(project=project)
    assert (case.state, case.chosen_on) == ("draft", proposed)
    today = timezone.localdate()
    _post(browser, project, promised_on=told, promise_told_on=today, promise_reason="llamé")
    case.refresh_from_db()
    assert case.state == "cancelled"
    assert "you told the client yourself" in case.closed_reason
    assert told.isoformat() in case.closed_reason
    project.refresh_from_db()
    assert project.promised_on == told
