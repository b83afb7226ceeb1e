"""Each organisation keeps its compensation policy; the admin refuses one that does not load."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient

from plazo.core.policy import default_policy
from plazo.store.services.delays.policy import organisation_policy
from tests.app.factories import make_org

pytestmark = pytest.mark.django_db


def test_an_organisation_without_a_policy_uses_the_default() -> None:
    assert organisation_policy(make_org()) == default_policy()


def test_the_admin_refuses_a_broken_policy_with_its_line_numbers() -> None:
    org = make_org(name="Estudio", slug="estudio")
    browser = HttpClient()
    browser.force_login(User.objects.create_superuser("root", "r@x.es", "pw"))
    form = {
        "name": org.name, "slug": org.slug, "language": "es", "currency": "EUR",
        "country": "ES", "time_zone": "Europe/Madrid", "sender_email": "",
        "policy_toml": "[[rule]]\nname = 'x'\nnot toml at all\n",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    }  # fmt: skip
    page = browser.post(f"/admin/plazo/organisation/{org.pk}/change/", form).content.decode()
    assert "line:3:" in page
    org.refresh_from_db()
    assert org.policy_toml == ""
