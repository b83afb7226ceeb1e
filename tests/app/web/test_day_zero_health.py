"""Fixrest6: a project whose estimates miss the promise before any task is done is "at risk from
the start: the estimates don't fit" on the portfolio and project page; the client's status page
and the API said nothing of its health. They now use the same label (one rule: pages.project)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.store.services.access.status_pages import ensure_status_page
from tests.app.api_helpers import call, token_for
from tests.app.factories import make_client, make_item, make_org, make_project
from tests.app.web.helpers import make_forecast, promise

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _project(language: str, *, done: bool, p_on_time: float) -> object:
    org = make_org()
    project = make_project(org, make_client(org, language=language), name="Cocina")
    make_item(project, estimate_hours=80)
    if done:
        make_item(project, status="done", completed_on=project.start_on + timedelta(days=1))
    promise(project, timezone.localdate() + timedelta(days=30))
    make_forecast(project, p_on_time=p_on_time)
    return project


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "at risk from the start: the estimates don't fit"),
        ("es", "en riesgo desde el inicio: las estimaciones no caben"),
    ],
)
def test_the_status_page_says_the_estimates_do_not_fit_on_day_zero(
    language: str, label: str
) -> None:
    project = _project(language, done=False, p_on_time=0.2)
    page = ensure_status_page(project, now=timezone.now())  # type: ignore[arg-type]
    body = HttpClient().get(f"/s/{page.token}/").content.decode()
    assert 'data-testid="estimates-short"' in body
    assert label in body.replace("&#x27;", "'")


def test_the_status_page_says_late_once_a_pace_is_measured() -> None:
    project = _project("en", done=True, p_on_time=0.2)
    page = ensure_status_page(project, now=timezone.now())  # type: ignore[arg-type]
    body = HttpClient().get(f"/s/{page.token}/").content.decode()
    assert 'data-testid="health"' in body
    assert ">late<" in body
    assert "estimates-short" not in body


def test_the_api_forecast_gives_the_same_health() -> None:
    day_zero = _project("en", done=False, p_on_time=0.2)
    measured = _project("en", done=True, p_on_time=0.2)
    for project, expected in ((day_zero, ("at_risk", True)), (measured, ("late", False))):
        token = token_for(project.organisation)  # type: ignore[attr-defined]
        body = call("GET", f"/projects/{project.pk}/forecast", token=token).json()  # type: ignore[attr-defined]
        assert (body["health"], body["estimates_short"]) == expected
