"""The owner alert is written in the language its reader uses plazo in, not the clients' default."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.store.models import Membership, Message, Organisation
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.forecasting.run import reforecast_active
from plazo.store.services.work.snapshots import load_project_snapshot

pytestmark = pytest.mark.django_db
AT_RISK = "Portal del inversor"


def _alert(org: Organisation) -> Message:
    runs = reforecast_active(org, now=timezone.now())
    forecast = next(r.forecast for r in runs if r.forecast.project.name == AT_RISK)
    opened = open_case_if_at_risk(
        load_project_snapshot(forecast.project), forecast, now=timezone.now()
    )
    assert opened is not None
    return opened[1]


def _owner_reads_the_dashboard_in(language: str) -> None:
    browser = HttpClient(headers={"accept-language": language})
    browser.force_login(User.objects.get(username=DEMO_USERNAME))
    assert browser.get("/").status_code == 200


def test_an_owner_who_reads_plazo_in_english_gets_the_alert_in_english() -> None:
    org = load_demo(timezone.localdate()).organisation
    assert org.language == "es"  # the clients' default
    _owner_reads_the_dashboard_in("en")

    alert = _alert(org)

    assert alert.language == "en"
    assert alert.subject.startswith("Delay notice needed:")
    assert "needs a delay notice to the client" in alert.text


def test_the_language_follows_the_dashboard_when_the_owner_switches() -> None:
    org = load_demo(timezone.localdate()).organisation
    _owner_reads_the_dashboard_in("en")
    _owner_reads_the_dashboard_in("es")
    owner = User.objects.get(username=DEMO_USERNAME)
    assert Membership.objects.get(organisation=org, user=owner).language == "es"
    assert _alert(org).language == "es"


def test_before_the_owner_ever_logs_in_the_alert_is_in_the_organisations_language() -> None:
    org = load_demo(timezone.localdate()).organisation
    assert _alert(org).language == "es"
