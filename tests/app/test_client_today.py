"""A project's "today" is its client's date, wherever the server is."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from plazo.core.health import Health
from plazo.core.ledger.rules import PromiseInPastError
from plazo.store.services.pages.portfolio import dashboard_portfolio
from plazo.store.services.work.records import update_project
from tests.app.factories import make_client, make_org, make_project
from tests.app.web.helpers import make_forecast

pytestmark = pytest.mark.django_db

# 11:30 UTC on 1 December is already 00:30 on 2 December in Auckland.
NOW = datetime(2026, 12, 1, 11, 30, tzinfo=UTC)


def test_the_project_knows_its_clients_date() -> None:
    client = make_client(make_org(time_zone="UTC"), time_zone="Pacific/Auckland")
    assert make_project(client.organisation, client).client_today(NOW) == date(2026, 12, 2)


def test_a_promise_for_the_clients_yesterday_is_refused_through_the_api_service() -> None:
    org = make_org(time_zone="UTC")
    project = make_project(org, make_client(org, time_zone="Pacific/Auckland"))
    with pytest.raises(PromiseInPastError):
        update_project(project, {"promised_on": date(2026, 12, 1)}, now=NOW)


def test_the_portfolio_judges_a_passed_promise_on_the_clients_date() -> None:
    org = make_org(time_zone="UTC")
    auckland = make_project(org, make_client(org, time_zone="Pacific/Auckland"))
    madrid = make_project(org, make_client(org, time_zone="Europe/Madrid"))
    for project in (auckland, madrid):
        project.promised_on = date(2026, 12, 1)
        project.save(update_fields=["promised_on"])
        make_forecast(project, finish_p85_on=date(2026, 11, 30), p_on_time=0.95, created_at=NOW)
    health = {row.project_id: row.health for row in dashboard_portfolio(org, now=NOW).rows}
    assert health == {auckland.pk: Health.LATE, madrid.pk: Health.ON_TRACK}


def test_work_added_in_the_dashboard_is_dated_by_the_clients_calendar() -> None:
    from decimal import Decimal

    from plazo.store.services.editing import dashboard

    org = make_org(time_zone="UTC")
    project = make_project(org, make_client(org, time_zone="Pacific/Auckland"))
    dashboard.add_items(project, [("Diseño", Decimal("6"))], now=NOW)
    assert project.work_items.get().added_on == date(2026, 12, 2)
