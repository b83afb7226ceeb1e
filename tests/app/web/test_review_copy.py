"""The review page speaks the reviewer's language about the policy and the client's register."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.forecasting.run import reforecast_active
from plazo.store.services.work.snapshots import load_project_snapshot

pytestmark = pytest.mark.django_db
AT_RISK = "Portal del inversor"


def _page(accept_language: str) -> str:
    org = load_demo(timezone.localdate()).organisation
    runs = reforecast_active(org, now=timezone.now())
    forecast = next(r.forecast for r in runs if r.forecast.project.name == AT_RISK)
    opened = open_case_if_at_risk(
        load_project_snapshot(forecast.project), forecast, now=timezone.now()
    )
    assert opened is not None
    browser = HttpClient()
    browser.force_login(User.objects.get(username=DEMO_USERNAME))
    response = browser.get(f"/cases/{opened[0].pk}/", HTTP_ACCEPT_LANGUAGE=accept_language)
    return response.content.decode()


def test_the_policy_explanation_is_in_the_english_interface_language() -> None:
    page = _page("en")
    assert "Rule “" in page
    assert "Se aplica la regla" not in page
    assert "descuento del" in page  # the offer's wording stays the client's (the notice quotes it)


def test_the_client_is_described_once_in_the_interface_language() -> None:
    english = _page("en")
    assert "(Spanish, formal (usted))" in english
    assert "(Español, " not in english
    assert "usted / formal English" not in english


def test_the_spanish_interface_explains_in_spanish() -> None:
    spanish = _page("es")
    assert "Se aplica la regla" in spanish
    assert "(español, formal (usted))" in spanish
