"""A draft delay case that outlived its reason: the forecast recovered, or the project ended."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plazo.store.models import DelayCase, Message, Organisation, Project
from plazo.store.services.delivery.deliver import change_project, deliver
from plazo.store.services.editing.dashboard import edit_project
from plazo.store.services.pages.portfolio import Action, dashboard_portfolio
from tests.app.factories import make_case, make_client, make_message, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, promise

pytestmark = pytest.mark.django_db


def _project_with_draft(
    org: Organisation, name: str, *, p_on_time: float
) -> tuple[Project, DelayCase]:
    client = make_client(org)
    project = make_project(org, client, name=name)
    promise(project, timezone.localdate() + timedelta(days=20))
    make_forecast(project, p_on_time=p_on_time)
    return project, make_case(project, state="draft")


def test_a_draft_whose_forecast_recovered_asks_discard_or_keep_after_every_other_step() -> None:
    org = make_org()
    _, case = _project_with_draft(org, "Tienda", p_on_time=0.96)
    _project_with_draft(org, "Museo", p_on_time=0.3)
    told = make_project(org, name="Portal")
    promise(told, timezone.localdate() + timedelta(days=20))
    make_forecast(told, p_on_time=0.4)  # at risk, the client not told: "Tell the client"

    rows = dashboard_portfolio(org, now=timezone.now()).rows

    assert [(r.name, r.action) for r in rows] == [
        ("Museo", Action.REVIEW_NOTICE),
        ("Portal", Action.TELL_CLIENT),
        ("Tienda", Action.RECOVERED),
    ]
    browser, _ = browser_for(org)
    page = browser.get(reverse("web:portfolio")).content.decode()
    assert "The forecast recovered: discard or keep the draft?" in page
    assert f'href="/cases/{case.pk}/">The forecast recovered' in page
    assert page.count("Review the delay notice") == 1  # only the project still in danger


def test_delivering_a_project_closes_its_draft_case_with_the_reason() -> None:
    org = make_org()
    project, case = _project_with_draft(org, "Tienda", p_on_time=0.96)
    alert = make_message(
        project, kind="owner_alert", delay_case=case, state="queued", idempotency_key="alert:1"
    )
    browser, _ = browser_for(org)

    browser.post(
        reverse("web:project_deliver", args=[project.pk]),
        {"delivered_on": project.client_today(timezone.now()).isoformat(), "confirm": "on"},
    )

    case.refresh_from_db()
    assert case.state == "cancelled"
    assert case.closed_at is not None
    assert "the project was delivered on" in case.closed_reason
    alert.refresh_from_db()
    assert alert.state == "cancelled"
    assert not Message.objects.filter(delay_case=case, kind="delay_notice").exists()
    page = browser.get(reverse("web:project", args=[project.pk])).content.decode()
    assert "Review the delay notice" not in page
    history = browser.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="discarded"' in history
    assert "the project was delivered on" in history


@pytest.mark.parametrize("cancel", [edit_project, change_project], ids=["form", "api"])
def test_cancelling_a_project_closes_its_draft_case_in_the_organisations_language(
    cancel: Callable[..., object],
) -> None:
    org = make_org(language="es")
    project, case = _project_with_draft(org, "Tienda", p_on_time=0.3)
    cancel(project, {"status": "cancelled"}, now=timezone.now())
    case.refresh_from_db()
    assert case.state == "cancelled"
    assert case.closed_reason.startswith("Cerrado por plazo: el proyecto se canceló el ")


def test_an_approved_case_is_left_as_it_is_when_the_project_is_delivered() -> None:
    org = make_org()
    project, case = _project_with_draft(org, "Tienda", p_on_time=0.96)
    DelayCase.objects.filter(pk=case.pk).update(state="approved")
    deliver(project, project.client_today(timezone.now()), now=timezone.now())
    case.refresh_from_db()
    assert case.state == "approved"
