"""One answer to "when is the next check-in": the This week page, the portfolio and the worker
agree, and a project started after this week's check-in owes its first update next week."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from plazo.store.services.checkins.week import this_week
from plazo.store.services.checkins.weekly import due_checkins
from plazo.store.services.pages.portfolio import dashboard_portfolio
from tests.app.factories import UTC, make_client, make_org, make_project
from tests.app.web.helpers import promise

pytestmark = pytest.mark.django_db
SUNDAY = datetime(2026, 12, 6, 11, 0, tzinfo=UTC)  # Sun 6 Dec 2026; the week's Monday was 30 Nov
MONDAY_9_MADRID = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


def _project(start_on: date):  # type: ignore[no-untyped-def]
    org = make_org()
    client = make_client(org, time_zone="Europe/Madrid")
    project = make_project(org, client, start_on=start_on, checkin_weekday=0, checkin_hour=9)
    promise(project, date(2027, 2, 1), made_at=SUNDAY - timedelta(hours=1))
    project.refresh_from_db()
    return project


def test_a_project_created_on_sunday_is_due_on_monday_on_every_page() -> None:
    project = _project(start_on=date(2026, 12, 6))

    (row,) = this_week(project.organisation, now=SUNDAY)
    (portfolio_row,) = dashboard_portfolio(project.organisation, now=SUNDAY).rows

    assert row.due_at == MONDAY_9_MADRID
    assert (row.state, row.due_now) == ("upcoming", False)
    assert portfolio_row.next_checkin_at == MONDAY_9_MADRID
    assert project.pk not in due_checkins(now=SUNDAY)
    assert project.pk in due_checkins(now=MONDAY_9_MADRID)


def test_a_project_that_existed_on_monday_is_still_owed_this_weeks_update() -> None:
    project = _project(start_on=date(2026, 11, 2))

    (row,) = this_week(project.organisation, now=SUNDAY)

    assert row.due_at == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert row.state == "due"
    assert project.pk in due_checkins(now=SUNDAY)
