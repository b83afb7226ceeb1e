"""A log-in lasts PLAZO_SESSION_DAYS after its last use, not after it began (finding 10).

Dana logged in on 6 December, used plazo every week, and was logged out on 21 December:
Django's session ended two weeks after it was last saved, and using it did not save it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from plazo.conf import ConfigError, load_config
from plazo.store.services.access.studio import create_studio

pytestmark = pytest.mark.django_db
PASSWORD = "una-clave-larga"


@contextmanager
def _at(moment: datetime) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.now", lambda: moment)
        yield


def _signed_in(browser: HttpClient) -> bool:
    response = browser.get(reverse("web:portfolio"))
    return response.status_code == 200


def _logged_in_at(moment: datetime) -> HttpClient:
    create_studio(organisation="Brooks Studio", email="dana@example.com", password=PASSWORD)
    browser = HttpClient()
    with _at(moment):
        response = browser.post(
            reverse("web:login"), {"username": "dana@example.com", "password": PASSWORD}
        )
    assert response.status_code == 302
    return browser


def test_the_default_lifetime_is_thirty_days() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 24 * 60 * 60


def test_a_person_who_uses_plazo_every_week_stays_signed_in() -> None:
    start = timezone.now()
    browser = _logged_in_at(start)
    for week in range(1, 9):  # two months of Mondays
        with _at(start + timedelta(weeks=week)):
            assert _signed_in(browser), f"logged out in week {week}"


def test_using_it_renews_the_cookie_too() -> None:
    start = timezone.now()
    browser = _logged_in_at(start)
    with _at(start + timedelta(days=20)):
        response = browser.get(reverse("web:portfolio"))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE


def test_a_session_unused_for_longer_than_its_lifetime_ends() -> None:
    start = timezone.now()
    browser = _logged_in_at(start)
    with _at(start + timedelta(days=29)):
        assert _signed_in(browser)
    with _at(start + timedelta(days=29 + 31)):
        assert not _signed_in(browser)


def test_the_lifetime_is_set_in_days(tmp_path: Path) -> None:
    home = {"PLAZO_HOME": str(tmp_path)}
    assert load_config(home).session_days == 30
    assert load_config({**home, "PLAZO_SESSION_DAYS": "7"}).session_days == 7
    with pytest.raises(ConfigError, match="PLAZO_SESSION_DAYS"):
        load_config({**home, "PLAZO_SESSION_DAYS": "0"})
