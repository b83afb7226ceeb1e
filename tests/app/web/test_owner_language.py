"""Fixlast: ``plazo init`` asked its questions in Spanish (the machine's language), yet the
owner's dashboard opened in English, their browser's. The owner's membership starts with the
language they were asked in, and at log-in the dashboard speaks it unless they chose another with
the switcher."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from plazo.cli import main
from plazo.store.models import Membership

pytestmark = pytest.mark.django_db
PASSWORD = "una-clave-larga"
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def _init_on_a_machine_in(
    language: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Membership:
    """``plazo init`` on a machine speaking ``language``, every answer given as an option."""
    monkeypatch.setenv("TIME_ZONE", "UTC")
    monkeypatch.setenv("LANG", {"es": "es_ES.UTF-8", "en": "en_GB.UTF-8"}[language])
    for variable in ("LC_ALL", "LC_TIME", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    secret = tmp_path / "pw"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    argv = ["init", "--organisation", "Estudio Soler", "--email", "dana@example.com"]
    assert main([*argv, "--country", "ES", "--password-file", str(secret)]) == 0
    return Membership.objects.get()


def _logged_in() -> HttpClient:
    browser = HttpClient()
    response = browser.post(
        reverse("web:login"),
        {"username": "dana@example.com", "password": PASSWORD},
        **ENGLISH_BROWSER,
    )
    assert response.status_code == 302
    return browser


def _lang(browser: HttpClient) -> str:
    page = browser.get(reverse("web:portfolio"), **ENGLISH_BROWSER)
    assert page.status_code == 200
    return page.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_owner_remembers_the_language_init_asked_in(
    language: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert _init_on_a_machine_in(language, monkeypatch, tmp_path).language == language


def test_the_dashboard_opens_in_the_language_init_asked_in_not_the_browsers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _init_on_a_machine_in("es", monkeypatch, tmp_path)
    browser = _logged_in()
    assert _lang(browser) == "es"
    assert _lang(browser) == "es"  # and stays in it (the browser's does not overwrite it)
    assert Membership.objects.get().language == "es"


def test_the_language_switcher_still_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _init_on_a_machine_in("es", monkeypatch, tmp_path)
    browser = _logged_in()
    chosen = browser.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert chosen.status_code == 302
    assert _lang(browser) == "en"
    assert Membership.objects.get().language == "en"  # remembered for the next log-in
    browser.cookies.pop("django_language")
    browser.logout()
    assert _lang(_logged_in()) == "en"


def test_without_a_remembered_language_the_browsers_is_spoken(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _init_on_a_machine_in("es", monkeypatch, tmp_path)
    Membership.objects.update(language="")
    assert _lang(_logged_in()) == "en"
