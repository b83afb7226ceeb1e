"""Rules that are facts live in the database: they hold on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from plazo.store.models import Commitment
from plazo.store.services.ledger.promises import record_promise
from tests.app.factories import (
    NOW,
    make_case,
    make_item,
    make_message,
    make_org,
    make_project,
)

pytestmark = pytest.mark.django_db


def _refused(create: object) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()  # type: ignore[operator]


def test_an_estimate_must_be_positive() -> None:
    project = make_project(make_org())
    _refused(lambda: make_item(project, estimate_hours=Decimal("0")))
    _refused(lambda: make_item(project, estimate_hours=Decimal("-2")))
    assert make_item(project, estimate_hours=None).estimate_hours is None


def test_an_actual_effort_cannot_be_negative() -> None:
    project = make_project(make_org())
    _refused(lambda: make_item(project, actual_hours=Decimal("-0.5")))
    assert make_item(project, actual_hours=Decimal("0")).actual_hours == 0


def test_a_done_item_has_a_completion_date() -> None:
    project = make_project(make_org())
    _refused(lambda: make_item(project, status="done", completed_on=None))


def test_a_project_has_at_most_one_current_commitment() -> None:
    project = make_project(make_org())
    record_promise(project, date(2026, 12, 30), made_at=NOW)
    _refused(
        lambda: Commitment.objects.create(
            organisation_id=project.organisation_id,
            project=project,
            promised_on=project.start_on,
            made_at=NOW,
            is_current=True,
        )
    )


def test_an_idempotency_key_is_used_once() -> None:
    project = make_project(make_org())
    make_message(project, idempotency_key="weekly:1:2026-W49")
    _refused(lambda: make_message(project, idempotency_key="weekly:1:2026-W49"))


def test_a_project_has_at_most_one_open_delay_case() -> None:
    project = make_project(make_org())
    make_case(project)
    _refused(lambda: make_case(project))
    make_case(project, state="sent")  # closed cases do not count


def test_capacity_confidence_and_value_are_checked() -> None:
    org = make_org()
    _refused(lambda: make_project(org, capacity_hours_per_week=Decimal("0")))
    _refused(lambda: make_project(org, confidence_target=Decimal("1")))
    _refused(lambda: make_project(org, value=Decimal("-1")))
    _refused(lambda: make_project(org, checkin_hour=24))
