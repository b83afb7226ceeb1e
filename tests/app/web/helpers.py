"""Small builders for the dashboard tests: forecasts, sent messages and logged-in browsers."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.store.models import Forecast, Membership, Message, Organisation, Project
from plazo.store.services.ledger.promises import record_promise
from tests.app.factories import make_item, make_message, make_user

__all__ = ["browser_as", "browser_for", "make_forecast", "promise", "send"]

_keys = itertools.count(1)


def browser_for(
    org: Organisation, *, user: User | None = None, csrf: bool = False
) -> tuple[HttpClient, User]:
    """A test client logged in as a member (an owner) of ``org``."""
    person = user or make_user(org)
    browser = HttpClient(enforce_csrf_checks=csrf)
    browser.force_login(person)
    return browser, person


def browser_as(org: Organisation, role: str, **user_fields: Any) -> HttpClient:
    """A test client logged in as a new person with ``role`` ("owner", "member") in ``org``."""
    user = make_user(**user_fields)
    Membership.objects.create(organisation=org, user=user, role=role)
    browser = HttpClient()
    browser.force_login(user)
    return browser


def promise(project: Project, on: date, *, made_at: datetime | None = None) -> None:
    """Promise ``on`` to the client through the ledger service; a later date than the current
    promise is recorded as told to the client that day (outside plazo), as a slip must be."""
    made_at = made_at or timezone.now() - timedelta(days=30)
    current = Project.objects.get(pk=project.pk).promised_on
    if current is not None and on > current:
        told_on = project.client_today(made_at)
        record_promise(project, on, made_at=made_at, told_on=told_on, reason="Told by phone.")
    else:
        record_promise(project, on, made_at=made_at)


def make_forecast(project: Project, **fields: Any) -> Forecast:
    """A stored forecast run; by default comfortably on time.

    A project without work is never forecast (and the pages ignore a forecast kept from before
    its tasks were removed), so a project with no task gets one here, as a forecast implies.
    """
    if not project.work_items.exists():
        make_item(project, estimate_hours=Decimal("40"))
    today = timezone.localdate()
    fields.setdefault("created_at", timezone.now())
    fields.setdefault("finish_p50_on", today + timedelta(days=10))
    fields.setdefault("finish_p85_on", today + timedelta(days=14))
    fields.setdefault("finish_p95_on", today + timedelta(days=18))
    fields.setdefault("p_on_time", 0.95)
    values = {
        "model": "sized",
        "trials": 1000,
        "remaining_hours": 40.0,
        "effort_p50_hours": 40.0,
        "effort_p85_hours": 50.0,
        "effort_p95_hours": 60.0,
        "inputs_fingerprint": "0" * 64,
        **fields,
    }
    return Forecast.objects.create(
        organisation_id=project.organisation_id, project=project, **values
    )


def send(project: Project, **fields: Any) -> Message:
    """A message the client already received."""
    fields.setdefault("state", "sent")
    fields.setdefault("sent_at", timezone.now() - timedelta(days=1))
    if fields["sent_at"] is not None:
        fields.setdefault("created_at", fields["sent_at"])  # written when it was sent
    fields.setdefault("idempotency_key", f"test:{project.pk}:{next(_keys)}")
    return make_message(project, **fields)
