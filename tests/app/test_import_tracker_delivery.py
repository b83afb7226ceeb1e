"""A tracker import delivers through the import plan, the one delivery path of every import: the
same checks as a CSV row's ``delivered_on``, then the ledger settles the promise."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from plazo.core.tracker import TrackerBatch, TrackerItem, TrackerProject
from plazo.store.models import Commitment, Project
from plazo.store.services.importing.tracker import import_tracker
from plazo.store.services.ledger.promises import deliver_project
from tests.app.factories import make_org

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def _batch(*, delivered_on: date | None, start_on: date = date(2026, 9, 1)) -> TrackerBatch:
    return TrackerBatch(
        projects=[
            TrackerProject(
                external_id="v1",
                name="APP: 1.0",
                start_on=start_on,
                promised_on=date(2026, 11, 20),
                promise_made_at=datetime(2026, 9, 1, tzinfo=UTC),
                delivered_on=delivered_on,
            )
        ],
        items=[
            TrackerItem(
                external_id="APP-1",
                project_external_id="v1",
                title="Login",
                status="done",
                added_on=date(2026, 9, 1),
                estimate_hours=Decimal("8"),
                completed_on=date(2026, 11, 18),
            )
        ],
    )


def _ledger() -> list[tuple[date, str, date | None]]:
    return [
        (c.promised_on, c.outcome, c.resolved_on)
        for c in Commitment.objects.filter(project__external_id="v1").order_by("pk")
    ]


def test_a_released_version_is_delivered_through_the_import_plan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, date]] = []

    def recording(project: Project, day: date, *, today: date | None = None) -> object:
        calls.append((project.external_id, day))
        return deliver_project(project, day, today=today)

    # The import plan's writer, the one every import delivers through.
    monkeypatch.setattr("plazo.store.services.importing.projects.deliver_project", recording)
    org = make_org()
    report = import_tracker(
        org, _batch(delivered_on=date(2026, 11, 25)), client_name="Acme", source="jira", now=NOW
    )
    assert calls == [("v1", date(2026, 11, 25))]
    assert report.created["deliveries"] == 1
    assert _ledger() == [(date(2026, 11, 20), "broken", date(2026, 11, 25))]
    assert Project.objects.get(external_id="v1").status == "delivered"


def test_a_release_date_still_to_come_is_not_a_delivery_in_the_future() -> None:
    """Jira lets a version be marked released with a later release date: it shipped by today
    at the latest, so the ledger settles it today, never on a day that has not happened."""
    org = make_org()
    import_tracker(
        org, _batch(delivered_on=date(2026, 12, 20)), client_name="Acme", source="jira", now=NOW
    )
    assert _ledger() == [(date(2026, 11, 20), "broken", date(2026, 12, 1))]


def test_a_delivered_version_is_delivered_once() -> None:
    org = make_org()
    import_tracker(
        org, _batch(delivered_on=date(2026, 11, 18)), client_name="Acme", source="jira", now=NOW
    )
    # The release date was edited afterwards: the delivery stays as recorded, the sync goes on.
    report = import_tracker(
        org, _batch(delivered_on=date(2026, 11, 19)), client_name="Acme", source="jira", now=NOW
    )
    assert "deliveries" not in report.created
    assert _ledger() == [(date(2026, 11, 20), "kept", date(2026, 11, 18))]
