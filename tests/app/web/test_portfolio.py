"""The portfolio: health, the next step, filters and sorting, and a constant number of queries."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plazo.store.services.pages.portfolio import PortfolioFilter, dashboard_portfolio
from tests.app.factories import make_case, make_client, make_item, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, promise, send

pytestmark = pytest.mark.django_db


def _portfolio_of(n: int) -> tuple[object, list[object]]:
    org = make_org()
    client = make_client(org, time_zone="America/Mexico_City")
    today = timezone.localdate()
    projects = []
    for i in range(n):
        project = make_project(org, client, name=f"P{i:03}")
        # under way: a task done gives the forecast a pace (without one, P < 0.5 is "at risk")
        make_item(project, status="done", completed_on=project.start_on)
        make_item(project, estimate_hours=Decimal("40"))
        promise(project, today + timedelta(days=20 + i))
        make_forecast(project, p_on_time=0.4 if i % 3 == 0 else 0.95)
        send(project)
        if i % 4 == 0:
            make_case(project)
        projects.append(project)
    return org, projects


def test_the_number_of_queries_does_not_grow_with_the_portfolio() -> None:
    counts = []
    for size in (5, 50):
        org, _ = _portfolio_of(size)
        browser, _ = browser_for(org)
        browser.get("/")  # warm the session and the caches
        with CaptureQueriesContext(connection) as queries:
            response = browser.get("/")
        assert response.status_code == 200
        assert response.content.count(b'<th scope="row"') == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_each_project_shows_its_health_dates_and_last_update() -> None:
    org = make_org()
    project = make_project(org, name="Portal")
    today = timezone.localdate()
    promise(project, today + timedelta(days=30))
    make_forecast(project, created_at=timezone.now() - timedelta(days=3), p_on_time=0.99)
    make_forecast(project, p_on_time=0.62, finish_p85_on=today + timedelta(days=35))
    send(project, sent_at=timezone.now() - timedelta(days=2))

    row = dashboard_portfolio(org, now=timezone.now()).rows[0]

    assert row.health == "at_risk"  # from the latest forecast, not the older one
    assert row.p_on_time == pytest.approx(0.62)
    assert row.finish_p85_on == today + timedelta(days=35)
    assert row.last_update_at is not None
    assert row.action == "tell_client"


def test_a_project_never_forecast_says_so() -> None:
    org = make_org()
    make_project(org, name="Nuevo")
    page = browser_for(org)[0].get("/").content.decode()
    assert "no forecast yet" in page


def test_projects_that_need_action_today_come_first() -> None:
    org = make_org()
    today = timezone.localdate()
    calm = make_project(org, name="A calm one")
    promise(calm, today + timedelta(days=30))
    make_forecast(calm, p_on_time=0.97)
    draft = make_project(org, name="Z draft notice")
    promise(draft, today + timedelta(days=60))
    make_forecast(draft, p_on_time=0.3)
    make_case(draft)
    told = make_project(org, name="M told already")
    promise(told, today + timedelta(days=40), made_at=timezone.now() - timedelta(days=10))
    make_forecast(told, p_on_time=0.3)
    send(told, kind="delay_notice", sent_at=timezone.now() - timedelta(days=1))
    silent = make_project(org, name="Q at risk, silent")
    promise(silent, today + timedelta(days=50))
    make_forecast(silent, p_on_time=0.6)

    names = [r.name for r in dashboard_portfolio(org, now=timezone.now()).rows]

    assert names == ["Z draft notice", "Q at risk, silent", "M told already", "A calm one"]


def test_an_approved_notice_is_pending_until_it_reaches_the_client() -> None:
    org = make_org()
    project = make_project(org)
    promise(project, timezone.localdate() + timedelta(days=30), made_at=timezone.now())
    make_forecast(project, p_on_time=0.9)
    make_case(project, state="approved")
    assert dashboard_portfolio(org, now=timezone.now()).rows[0].action == "send_notice"
    send(project, kind="delay_notice", sent_at=timezone.now())
    assert dashboard_portfolio(org, now=timezone.now()).rows[0].action == ""


def test_a_notice_from_before_the_current_promise_does_not_count_as_telling() -> None:
    org = make_org()
    project = make_project(org)
    send(project, kind="delay_notice", sent_at=timezone.now() - timedelta(days=20))
    promise(project, timezone.localdate() + timedelta(days=9), made_at=timezone.now())
    make_forecast(project, p_on_time=0.2)
    assert dashboard_portfolio(org, now=timezone.now()).rows[0].action == "tell_client"


def test_filters_and_sorting_come_from_the_query_string() -> None:
    org, _projects = _portfolio_of(6)
    other = make_client(org, name="Otro cliente")
    make_project(org, other, name="Del otro")
    browser, _ = browser_for(org)

    late = browser.get("/", {"health": "late"}).content.decode()
    by_client = browser.get("/", {"client": other.pk}).content.decode()
    searched = browser.get("/", {"q": "otro"}).content.decode()
    by_name = browser.get("/", {"sort": "-name"}).content.decode()

    assert "P000" in late
    assert "P001" not in late
    assert "Del otro" in by_client
    assert "P000" not in by_client
    assert "Del otro" in searched
    assert "P000" not in searched
    assert by_name.index("P005") < by_name.index("P000")


def test_nonsense_in_the_query_string_is_ignored() -> None:
    org, _ = _portfolio_of(2)
    browser, _ = browser_for(org)
    response = browser.get("/", {"health": "x", "client": "abc", "sort": "__class__"})
    assert response.status_code == 200
    assert response.content.count(b'<th scope="row"') == 2


def test_htmx_gets_only_the_table() -> None:
    org, _ = _portfolio_of(2)
    browser, _ = browser_for(org)
    response = browser.get("/", {"sort": "name"}, headers={"HX-Request": "true"})
    assert response.content.lstrip().startswith(b'<section id="portfolio"')
    assert b"<html" not in response.content
    # The filter form's hidden sort field follows the new order, so a later filter keeps it.
    assert b'id="sort" value="name" hx-swap-oob="true"' in response.content
    assert "HX-Request" in response["Vary"]


def test_the_next_check_in_is_in_the_clients_time_zone() -> None:
    org = make_org()
    project = make_project(
        org, make_client(org, time_zone="America/Mexico_City"), checkin_weekday=2, checkin_hour=9
    )
    row = dashboard_portfolio(org, now=timezone.now(), wanted=PortfolioFilter()).rows[0]
    local = row.next_checkin_at.astimezone(__import__("zoneinfo").ZoneInfo("America/Mexico_City"))
    assert (local.weekday(), local.hour) == (project.checkin_weekday, 9)


def test_a_long_portfolio_is_split_into_pages_most_urgent_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("plazo.web.views.portfolio.PAGE_SIZE", 4)
    org, _ = _portfolio_of(6)
    browser, _ = browser_for(org)

    first = browser.get("/").content.decode()
    second = browser.get("/", {"page": 2}).content.decode()

    assert first.count('<th scope="row"') == 4
    assert second.count('<th scope="row"') == 2
    assert "6 active projects" in first
    assert "Page 1 of 2" in first
    assert 'rel="next"' in first


def test_a_week_whose_update_the_notice_replaced_shows_the_notice_not_never() -> None:
    """The client heard from us: the notice was that week's update, so the column says when and
    what, never "never"."""
    org = make_org(language="es")
    project = make_project(org, name="Portal")
    promise(project, timezone.localdate() + timedelta(days=30))
    make_forecast(project)
    notice_sent = timezone.now() - timedelta(days=2)
    send(project, kind="delay_notice", sent_at=notice_sent)
    send(project, kind="weekly_update", state="cancelled", sent_at=None)  # the one it replaced

    row = dashboard_portfolio(org, now=timezone.now()).rows[0]
    assert (row.last_update_at, row.last_update_kind) == (notice_sent, "delay_notice")

    browser, _ = browser_for(org)
    for language, words in (("es", "el aviso de retraso"), ("en", "the delay notice")):
        page = browser.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        cell = page.split('data-testid="last-update">', 1)[1].split("</td>", 1)[0]
        assert words in cell
        assert cell.split(" · ")[0].strip()  # the day it went out
        assert "nunca" not in cell
        assert "never" not in cell


def test_a_later_weekly_update_is_the_last_one_heard() -> None:
    org = make_org()
    project = make_project(org, name="Portal")
    promise(project, timezone.localdate() + timedelta(days=30))
    make_forecast(project)
    send(project, kind="delay_notice", sent_at=timezone.now() - timedelta(days=8))
    update_sent = timezone.now() - timedelta(days=1)
    send(project, kind="weekly_update", sent_at=update_sent)
    row = dashboard_portfolio(org, now=timezone.now()).rows[0]
    assert (row.last_update_at, row.last_update_kind) == (update_sent, "weekly_update")
