"""The demo portfolio: realistic, with one project at risk, and loaded only once."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.core import serializers

from plazo.demo import load_demo
from plazo.store.models import Client, Project, WorkItem

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)


def _snapshot() -> str:
    models = list(apps.get_app_config("plazo").get_models())
    return serializers.serialize("json", [row for m in models for row in m.objects.order_by("pk")])


def test_a_second_load_changes_nothing() -> None:
    assert load_demo(TODAY).created is True
    before = _snapshot()
    again = load_demo(date(2027, 3, 1))
    assert again.created is False
    assert _snapshot() == before


def test_the_demo_has_clients_in_each_language_and_register() -> None:
    org = load_demo(TODAY).organisation
    clients = Client.objects.for_organisation(org)
    assert {(c.language, c.register) for c in clients} >= {
        ("es", "formal"),
        ("es", "informal"),
        ("en", "formal"),
    }
    assert all(c.contacts.exclude(email="").exists() for c in clients)


def test_the_demo_has_six_active_projects_and_a_real_history() -> None:
    org = load_demo(TODAY).organisation
    assert Project.objects.for_organisation(org).filter(status="active").count() == 6
    done = WorkItem.objects.for_organisation(org).filter(status="done")
    assert done.count() >= 80
    assert not done.filter(actual_hours__isnull=True).exists()
    months = {d.month for d in done.values_list("completed_on", flat=True)}
    assert len(months) >= 4  # spread over the past months, not one burst


def test_the_at_risk_project_has_a_stake_shortly_after_its_promise() -> None:
    org = load_demo(TODAY).organisation
    portal = Project.objects.for_organisation(org).get(name="Portal del inversor")
    assert portal.client.language == "es"
    assert "junta anual de accionistas" in portal.stake
    assert portal.promised_on is not None
    assert portal.stake_on is not None
    assert 0 < (portal.stake_on - portal.promised_on).days <= 31
    remaining = sum(
        i.estimate_hours for i in portal.work_items.exclude(status="done") if i.estimate_hours
    )
    weeks_left = (portal.promised_on - TODAY).days / 7
    # More work than the team's capacity can do before the promise, even at face value.
    assert float(remaining) > float(portal.capacity_hours_per_week) * weeks_left
