"""Failed log-ins pause an account and an address: dashboard, admin and API tokens alike."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.cli import main
from plazo.conf import ConfigError, load_config
from plazo.store.models import LoginThrottle, Message
from plazo.store.services.access.tokens import revoke_token
from tests.app.api_helpers import call, token_for
from tests.app.factories import make_org, make_user

pytestmark = pytest.mark.django_db

PAUSED = "log-ins are paused until"


@pytest.fixture(autouse=True)
def _limit_of_three(settings: Any) -> None:
    settings.PLAZO_LOGIN_FAILURE_LIMIT = 3


def _login(browser: HttpClient, username: str, password: str, path: str = "/login/") -> object:
    return browser.post(path, {"username": username, "password": password})


def test_the_third_wrong_password_pauses_the_account_and_then_the_right_one_is_refused() -> None:
    org = make_org(name="Estudio Lumbre")
    make_user(org, username="ana", email="ana@lumbre.example")
    browser = HttpClient()
    for _ in range(2):
        assert _login(browser, "ana", "wrong").status_code == 200  # the form's error
    locking = _login(browser, "ana", "wrong")
    assert locking.status_code == 429
    assert PAUSED in locking.content.decode()
    refused = _login(browser, "ana", "pw-for-tests")
    assert refused.status_code == 429
    assert PAUSED in refused.content.decode()
    assert "_auth_user_id" not in browser.session
    assert int(refused["Retry-After"]) > 14 * 60


def test_the_admin_login_is_paused_by_the_same_count() -> None:
    org = make_org()
    make_user(org, username="ana", is_superuser=True)
    browser = HttpClient()
    _login(browser, "ana", "wrong")
    _login(browser, "ana", "wrong", path="/admin/login/")
    assert _login(browser, "ana", "wrong", path="/admin/login/").status_code == 429
    refused = _login(browser, "ana", "pw-for-tests", path="/admin/login/")
    assert refused.status_code == 429
    assert PAUSED in refused.content.decode()


def test_an_address_trying_many_names_is_paused_for_every_name() -> None:
    org = make_org()
    make_user(org, username="ana")
    browser = HttpClient()
    for name in ("bob", "carla", "dora"):
        _login(browser, name, "guess")
    assert _login(browser, "ana", "pw-for-tests").status_code == 429


def test_the_account_is_paused_from_any_address_and_by_its_e_mail_too() -> None:
    org = make_org()
    make_user(org, username="ana", email="Ana@Lumbre.example")
    for n in range(3):
        _login(HttpClient(REMOTE_ADDR=f"198.51.100.{n}"), "ana@lumbre.example", "wrong")
    assert _login(HttpClient(REMOTE_ADDR="203.0.113.7"), "ANA", "pw-for-tests").status_code == 429


def test_a_success_before_the_limit_forgets_the_accounts_failures() -> None:
    org = make_org()
    make_user(org, username="ana")
    for _ in range(2):
        _login(HttpClient(REMOTE_ADDR="198.51.100.1"), "ana", "wrong")
    assert _login(HttpClient(REMOTE_ADDR="198.51.100.2"), "ana", "pw-for-tests").status_code == 302
    for _ in range(2):
        _login(HttpClient(REMOTE_ADDR="198.51.100.3"), "ana", "wrong")
    assert _login(HttpClient(REMOTE_ADDR="198.51.100.4"), "ana", "pw-for-tests").status_code == 302


def test_the_owners_get_one_alert_through_the_outbox_never_sent_in_the_request() -> None:
    org = make_org(name="Estudio Lumbre", language="es", sender_email="hola@lumbre.example")
    make_user(org, username="jefa", email="jefa@lumbre.example")  # an owner
    member = make_user(username="ana", email="ana@lumbre.example")
    org.memberships.create(user=member, role="member")
    browser = HttpClient()
    for _ in range(5):  # two more after the lock: refused, not counted, no second alert
        _login(browser, "ana", "wrong")
    assert mail.outbox == []
    alerts = list(Message.objects.filter(organisation=org))
    assert len(alerts) == 1
    alert = alerts[0]
    assert (alert.kind, alert.state, alert.recipients) == (
        "owner_alert",
        "queued",
        ["jefa@lumbre.example"],
    )
    assert "ana" in alert.subject
    assert "plazo unlock ana" in alert.text
    assert "127.0.0.1" in alert.text


def test_plazo_unlock_lifts_the_pause_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    org = make_org()
    make_user(org, username="ana")
    for n in range(3):
        _login(HttpClient(REMOTE_ADDR=f"198.51.100.{n}"), "ana", "wrong")
    assert _login(HttpClient(), "ana", "pw-for-tests").status_code == 429
    assert main(["unlock", "--list"]) == 0
    assert "user:ana" in capsys.readouterr().out
    assert main(["unlock", "ana"]) == 0
    assert "ana unlocked" in capsys.readouterr().out
    assert _login(HttpClient(), "ana", "pw-for-tests").status_code == 302


def test_wrong_api_tokens_pause_the_address_even_for_a_right_token() -> None:
    org = make_org()
    good = token_for(org)
    for n in range(2):
        assert call("GET", "/clients", token=f"plz_guess{n}").status_code == 401
    locking = call("GET", "/clients", token="plz_guess3")
    assert locking.status_code == 429
    assert locking.json()["error"]["code"] == "too_many_requests"
    assert "too many wrong API tokens" in locking.json()["error"]["message"]
    assert call("GET", "/clients", token=good).status_code == 429
    assert LoginThrottle.objects.get(key="ip:127.0.0.1").locked_until > timezone.now()


def test_a_revoked_token_hammering_the_api_alerts_its_organisations_owners() -> None:
    org = make_org(sender_email="hola@lumbre.example")
    make_user(org, username="jefa", email="jefa@lumbre.example")
    old = token_for(org)
    revoke_token(old[:12], now=timezone.now())
    for _ in range(3):
        call("GET", "/clients", token=old)
    alert = Message.objects.get(organisation=org)
    assert "plazo unlock --address 127.0.0.1" in alert.text


def test_the_limit_and_the_first_pause_come_from_the_environment(tmp_path: object) -> None:
    config = load_config(
        {"PLAZO_HOME": str(tmp_path), "PLAZO_LOGIN_FAILURE_LIMIT": "5",
         "PLAZO_LOGIN_LOCK_MINUTES": "60"}
    )  # fmt: skip
    assert (config.login_failure_limit, config.login_lock_minutes) == (5, 60)
    assert load_config({"PLAZO_HOME": str(tmp_path)}).login_failure_limit == 10
    with pytest.raises(ConfigError, match="PLAZO_LOGIN_FAILURE_LIMIT='0'"):
        load_config({"PLAZO_HOME": str(tmp_path), "PLAZO_LOGIN_FAILURE_LIMIT": "0"})


def test_each_owner_reads_the_alert_in_the_language_they_use_plazo_in() -> None:
    org = make_org(name="Estudio Lumbre", language="es", sender_email="hola@lumbre.example")
    make_user(org, username="jefa", email="jefa@lumbre.example")  # an owner, the studio's es
    english = make_user(username="priya", email="priya@lumbre.example")
    org.memberships.create(user=english, role="owner", language="en")
    org.memberships.create(user=make_user(username="ana", email="ana@lumbre.example"))
    for _ in range(3):
        _login(HttpClient(), "ana", "wrong")
    alerts = {a.language: a for a in Message.objects.filter(organisation=org, kind="owner_alert")}
    assert sorted(alerts) == ["en", "es"]
    assert alerts["en"].recipients == ["priya@lumbre.example"]
    assert alerts["es"].recipients == ["jefa@lumbre.example"]
    assert PAUSED.split()[0] not in alerts["es"].subject.lower()  # written in Spanish
    assert alerts["en"].subject != alerts["es"].subject


@pytest.mark.parametrize(
    ("country", "clock"),
    [("US", r"until \d{1,2}:\d\d [AP]M \("), ("GB", r"until \d\d:\d\d \(")],
)
def test_the_pause_is_told_on_the_clock_of_the_studios_country(country: str, clock: str) -> None:
    """Fixrest6: the pause said "until 15:30" to a studio in the United States, whose dashboard
    says "3:30 PM" (``twelve_hour``)."""
    import re

    org = make_org(country=country)
    make_user(org, username="ana", email="ana@lumbre.example")
    browser = HttpClient()
    for _ in range(3):
        locking = _login(browser, "ana", "wrong")
    assert locking.status_code == 429  # type: ignore[attr-defined]
    assert re.search(clock, locking.content.decode()), locking.content.decode()  # type: ignore[attr-defined]
