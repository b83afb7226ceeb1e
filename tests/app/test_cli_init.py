"""``plazo init`` at a terminal: it asks for what the options left out."""

from __future__ import annotations

import getpass
import io
from collections.abc import Iterator

import pytest
from django.contrib.auth import authenticate

from plazo.cli import main
from plazo.store.models import Membership, Organisation

pytestmark = pytest.mark.django_db


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _answers(monkeypatch: pytest.MonkeyPatch, lines: list[str], passwords: list[str]) -> None:
    said: Iterator[str] = iter(lines)
    typed: Iterator[str] = iter(passwords)
    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt="": next(said))
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))


def test_init_asks_at_a_terminal_and_the_owner_can_log_in(monkeypatch: pytest.MonkeyPatch) -> None:
    _answers(
        monkeypatch, ["Estudio Norte", "ana@example.com", "Ana Pérez", "en"], ["clave-larga-1"] * 2
    )
    assert main(["init"]) == 0
    org = Organisation.objects.get()
    assert (org.name, org.language, org.time_zone) == ("Estudio Norte", "en", "Europe/Madrid")
    owner = Membership.objects.get(organisation=org, role="owner").user
    assert authenticate(username="ana@example.com", password="clave-larga-1") == owner
    assert owner.first_name == "Ana"
    assert owner.is_superuser


def test_two_different_passwords_create_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(
        monkeypatch, ["Estudio Norte", "ana@example.com", "", ""], ["clave-larga-1", "otra-clave-2"]
    )
    assert main(["init"]) == 2
    assert "the two passwords differ" in capsys.readouterr().err
    assert not Organisation.objects.exists()


def test_an_empty_password_is_asked_for_again(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(
        monkeypatch,
        ["Estudio Norte", "ana@example.com", "", "es"],
        ["", "clave-larga-1", "clave-larga-1"],
    )
    assert main(["init"]) == 0
    assert "A password is needed: type 8 characters or more." in capsys.readouterr().err
    assert authenticate(username="ana@example.com", password="clave-larga-1") is not None


def test_three_empty_passwords_stop_with_a_sentence_and_create_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(monkeypatch, ["Estudio Norte", "ana@example.com", "", "es"], ["", "", ""])
    assert main(["init"]) == 2
    err = capsys.readouterr().err
    assert "no password was given; nothing was created" in err
    assert "Traceback" not in err
    assert not Organisation.objects.exists()


def test_end_of_input_at_the_password_prompt_stops_cleanly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(monkeypatch, ["Estudio Norte", "ana@example.com", "", "es"], [])

    def closed(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", closed)
    assert main(["init"]) == 2
    assert "no password was given" in capsys.readouterr().err
    assert not Organisation.objects.exists()
