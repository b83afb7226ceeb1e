"""Every admin page an owner uses opens, on the demo data."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client as HttpClient

from plazo.demo import DEMO_USERNAME, load_demo

pytestmark = pytest.mark.django_db
REGISTERED = sorted(
    m._meta.model_name for m in admin.site._registry if m._meta.app_label == "plazo"
)


def test_the_owner_edits_clients_and_projects_in_the_admin() -> None:
    expected = {"organisation", "client", "project", "workitem", "delaycase", "offer", "message"}
    assert expected <= set(REGISTERED)


@pytest.mark.parametrize("model", REGISTERED)
def test_the_list_and_a_row_of_every_model_open_for_the_demo_owner(model: str) -> None:
    load_demo(date(2026, 11, 27))
    browser = HttpClient()
    browser.force_login(User.objects.get(username=DEMO_USERNAME))
    assert browser.get(f"/admin/plazo/{model}/").status_code == 200
    row = apps.get_model("plazo", model).objects.order_by("pk").first()
    if row is not None:
        assert browser.get(f"/admin/plazo/{model}/{row.pk}/change/").status_code == 200
