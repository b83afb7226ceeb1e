"""``plazo init`` at a terminal: it asks for what the options left out, checks each answer as it
is given (asking again, never throwing the others away), and shows them before creating."""

from __future__ import annotations

import getpass
import io
from collections.abc import Iterator

import pytest
from django.contrib.auth import authenticate

from plazo.cli import main
from plazo.store.models import Membership, Organisation

pytestmark = pytest.mark.django_db

PASSWORD = "clave-larga-1"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine that says nothing about where it is (UTC, no LANG territory)."""
    monkeypatch.setenv("TIME_ZONE", "UTC")
    monkeypatch.setenv("LANG", "C.UTF-8")
    for variable in ("LC_ALL", "LC_TIME", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)


def _answers(monkeypatch: pytest.MonkeyPatch, lines: list[str], passwords: list[str]) -> None:
    said: Iterator[str] = iter(lines)
    typed: Iterator[str] = iter(passwords)

    def answer(prompt: str = "") -> str:
        print(prompt)
        try:
            return next(said)
        except StopIteration:
            raise EOFError from None

    def secret(prompt: str = "") -> str:
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("builtins.input", answer)
    monkeypatch.setattr(getpass, "getpass", secret)


# studio, e-mail, name, country, currency, time zone, language, then "create it?"
def _uk(country: str = "GB") -> list[str]:
    return ["Pixel & Thread Ltd", "priya@pixelthread.example", "Priya Shah", country, "", "", ""]


def test_init_asks_at_a_terminal_and_the_owner_can_log_in(monkeypatch: pytest.MonkeyPatch) -> None:
    _answers(
        monkeypatch,
        ["Estudio Norte", "ana@example.com", "Ana Pérez", "ES", "", "", "en", "y"],
        [PASSWORD] * 2,
    )
    assert main(["init"]) == 0
    org = Organisation.objects.get()
    assert (org.name, org.language, org.time_zone) == ("Estudio Norte", "en", "Europe/Madrid")
    owner = Membership.objects.get(organisation=org, role="owner").user
    assert authenticate(username="ana@example.com", password=PASSWORD) == owner
    assert owner.first_name == "Ana"
    assert owner.is_superuser


def test_a_uk_studio_gets_pounds_london_and_english_from_its_country(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(monkeypatch, [*_uk(), ""], [PASSWORD] * 2)
    assert main(["init"]) == 0
    org = Organisation.objects.get()
    assert (org.country, org.currency, org.time_zone, org.language) == (
        "GB",
        "GBP",
        "Europe/London",
        "en",
    )
    out = capsys.readouterr().out
    assert "Your country, for public holidays" in out
    assert "Currency [GBP]" in out
    assert "Time zone [Europe/London]" in out
    assert "language, en or es [en]" in out
    assert "GB (United Kingdom)" in out  # the summary, before anything is created
    assert "Settings" in out


def test_the_machines_time_zone_proposes_the_country(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TIME_ZONE", "Europe/London")
    _answers(monkeypatch, [*_uk(country=""), ""], [PASSWORD] * 2)
    assert main(["init"]) == 0
    assert "(its name, or two letters: GB, IE, US, ES, MX…) [GB]" in capsys.readouterr().out
    org = Organisation.objects.get()
    assert (org.country, org.currency, org.time_zone, org.language) == (
        "GB",
        "GBP",
        "Europe/London",
        "en",
    )


def test_a_mexican_studio_writes_spanish_in_mexico_city_in_pesos(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _answers(monkeypatch, [*_uk(country="mx"), "y"], [PASSWORD] * 2)
    assert main(["init"]) == 0
    org = Organisation.objects.get()
    assert (org.country, org.currency, org.time_zone, org.language) == (
        "MX",
        "MXN",
        "America/Mexico_City",
        "es",
    )


def test_wrong_answers_are_asked_again_one_by_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(
        monkeypatch,
        [
            "Pixel & Thread Ltd",
            "priya at pixelthread",  # not an address
            "priya@pixelthread.example",
            "",
            "",  # no country: no default on a machine that says nothing
            "Britain",
            "EU",  # not a country: no holiday calendar
            "GB",
            "pounds",
            "gbp",
            "London",
            "europe/london",
            "fr",
            "EN",
            "y",
        ],
        [PASSWORD] * 2,
    )
    assert main(["init"]) == 0
    err = capsys.readouterr().err
    assert "'priya at pixelthread' is not an e-mail address" in err
    assert "plazo has no public-holiday calendar for EU" in err
    assert "three-letter currency code" in err
    assert "'London' is not a time zone" in err
    assert "Type en (English) or es (Spanish)." in err
    org = Organisation.objects.get()
    assert (org.country, org.currency, org.time_zone, org.language) == (
        "GB",
        "GBP",
        "Europe/London",
        "en",
    )


@pytest.mark.parametrize(
    ("country", "example"),
    [
        ("US", "such as America/New_York or America/Chicago."),
        ("AR", "such as America/Argentina/Buenos_Aires."),
        ("GB", "such as Europe/London."),
    ],
)
def test_a_wrong_time_zone_is_answered_with_the_countrys_own_zones(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], country: str, example: str
) -> None:
    lines = _uk(country=country)
    lines[5:6] = ["Central", ""]  # a US owner's first try, then the default offered
    _answers(monkeypatch, [*lines, "y"], [PASSWORD] * 2)
    assert main(["init"]) == 0
    err = capsys.readouterr().err
    assert f"'Central' is not a time zone; type an IANA name {example}" in err
    if country != "GB":
        assert "Europe/London" not in err


def test_a_weak_password_is_asked_again_at_once_and_the_answers_are_kept(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(monkeypatch, [*_uk(), "y"], ["aisha", "12345678", "pixelthread", PASSWORD, PASSWORD])
    assert main(["init"]) == 0
    err = capsys.readouterr().err
    assert "at least 8 characters" in err
    assert "entirely numeric" in err
    assert "too similar to the" in err
    org = Organisation.objects.get()
    assert org.name == "Pixel & Thread Ltd"
    assert authenticate(username="priya@pixelthread.example", password=PASSWORD) is not None


def test_two_different_passwords_are_asked_again(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(monkeypatch, [*_uk(), "y"], [PASSWORD, "otra-clave-2", PASSWORD, PASSWORD])
    assert main(["init"]) == 0
    assert "The two passwords differ; type it again." in capsys.readouterr().err
    assert authenticate(username="priya@pixelthread.example", password=PASSWORD) is not None


def test_five_refused_passwords_stop_with_a_sentence_and_create_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(monkeypatch, _uk(), [PASSWORD, "otra-clave-2", "corta", "", "", "password"])
    assert main(["init"]) == 2
    err = capsys.readouterr().err
    assert "no usable password was given; nothing was created" in err
    assert "Traceback" not in err
    assert not Organisation.objects.exists()


def test_an_empty_password_is_asked_for_again(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(monkeypatch, [*_uk(), "y"], ["", PASSWORD, PASSWORD])
    assert main(["init"]) == 0
    assert "A password is needed: type 8 characters or more." in capsys.readouterr().err


def test_end_of_input_at_the_password_prompt_stops_cleanly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(monkeypatch, _uk(), [])
    assert main(["init"]) == 2
    assert "no usable password was given" in capsys.readouterr().err
    assert not Organisation.objects.exists()


def test_no_at_the_summary_asks_again_with_the_answers_as_defaults(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    again = ["", "", "", "IE", "", "", "", "y"]  # keep the name, e-mail and name; Ireland
    _answers(monkeypatch, [*_uk(), "n", *again], [PASSWORD] * 2)
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert "Your studio's name [Pixel & Thread Ltd]" in out
    assert "Currency [EUR]" in out
    org = Organisation.objects.get()
    assert (org.name, org.country, org.currency, org.time_zone) == (
        "Pixel & Thread Ltd",
        "IE",
        "EUR",
        "Europe/Dublin",
    )
    assert authenticate(username="priya@pixelthread.example", password=PASSWORD) is not None


def test_options_given_are_not_asked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(
        monkeypatch, ["Pixel & Thread Ltd", "priya@pixelthread.example", "", "y"], [PASSWORD] * 2
    )
    argv = ["init", "--country", "US", "--time-zone", "America/Chicago", "--language", "en"]
    argv += ["--currency", "usd"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Your country," not in out
    assert "Time zone [" not in out
    org = Organisation.objects.get()
    assert (org.country, org.currency, org.time_zone) == ("US", "USD", "America/Chicago")


def test_an_existing_studio_is_said_before_any_question(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(monkeypatch, [*_uk(), "y"], [PASSWORD] * 2)
    assert main(["init"]) == 0
    _answers(monkeypatch, [], [])
    assert main(["init"]) == 2
    assert "already has an organisation" in capsys.readouterr().err


def test_flags_alone_take_the_country_from_the_machine_and_the_rest_from_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    from pathlib import Path

    secret = Path(str(tmp_path)) / "pw"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    monkeypatch.setenv("TIME_ZONE", "Europe/London")
    argv = ["init", "--organisation", "Pixel", "--email", "priya@pixelthread.example"]
    assert main([*argv, "--password-file", str(secret)]) == 0
    org = Organisation.objects.get()
    assert (org.country, org.currency, org.time_zone, org.language) == (
        "GB",
        "GBP",
        "Europe/London",
        "en",
    )


def test_flags_refuse_a_country_without_a_holiday_calendar(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    secret = Path(str(tmp_path)) / "pw"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    argv = ["init", "--organisation", "Pixel", "--email", "priya@pixelthread.example"]
    assert main([*argv, "--password-file", str(secret), "--country", "EU"]) == 2
    assert "no public-holiday calendar for EU" in capsys.readouterr().err
    assert not Organisation.objects.exists()


def test_a_spanish_machine_is_asked_in_spanish_and_the_country_by_its_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    lines = ["Reformas Ferrer", "lucia@reformasferrer.es", "Lucía Ferrer", "Espagna", "españa"]
    _answers(monkeypatch, [*lines, "", "", "", "s"], [PASSWORD] * 2)
    assert main(["init"]) == 0
    captured = capsys.readouterr()
    assert "Su país, por sus festivos" in captured.out
    assert "Zona horaria [Europe/Madrid]" in captured.out
    assert "País:" in captured.out
    assert "ES (España)" in captured.out
    assert "Próximos pasos:" in captured.out
    assert "«Espagna»" in captured.err
    assert "¿Quería decir España (ES)?" in captured.err
    assert Organisation.objects.get().country == "ES"


@pytest.mark.parametrize("typed", ["Spain", "ESPAÑA", "Espana", "es", "Reino Unido"])
def test_a_country_is_taken_by_its_english_or_spanish_name_or_code(
    monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    _answers(monkeypatch, [*_uk(country=typed), "y"], [PASSWORD] * 2)
    assert main(["init"]) == 0
    assert Organisation.objects.get().country == ("GB" if typed == "Reino Unido" else "ES")


def test_the_language_variable_overrides_the_machines_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    monkeypatch.setenv("LANGUAGE", "en_GB:es")
    _answers(monkeypatch, [*_uk(), "y"], [PASSWORD] * 2)
    assert main(["init"]) == 0
    assert "Your country, for public holidays" in capsys.readouterr().out


def test_a_password_that_is_the_owners_name_run_together_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["Reformas Ferrer", "lucia@reformasferrer.es", "Lucía Ferrer", "ES", "", "", ""]
    _answers(monkeypatch, [*lines, "y"], ["luciaferrer1", PASSWORD, PASSWORD])
    assert main(["init"]) == 0
    assert "The password is too similar to your name." in capsys.readouterr().err
    assert authenticate(username="lucia@reformasferrer.es", password=PASSWORD) is not None


def test_next_steps_continue_under_their_first_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(monkeypatch, [*_uk(), "y"], [PASSWORD] * 2)
    assert main(["init"]) == 0
    out = capsys.readouterr().out.splitlines()
    for start, word in (("  1. plazo serve", "then"), ("  3. plazo worker", "sends")):
        first = next(line for line in out if line.startswith(start))
        after = out[out.index(first) + 1]
        assert len(after) - len(after.lstrip()) == first.index(word)


def test_a_refusal_on_a_spanish_machine_is_said_in_spanish(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fixrest6: init asked in Spanish but refused in English ("country: plazo has no
    public-holiday calendar for EU; no se ha creado nada")."""
    from pathlib import Path

    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    secret = Path(str(tmp_path)) / "pw"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    argv = ["init", "--organisation", "Pixel", "--email", "priya@pixelthread.example"]
    assert main([*argv, "--password-file", str(secret), "--country", "EU"]) == 2
    assert capsys.readouterr().err == (
        "plazo: error: país: plazo no tiene calendario de festivos para EU; no se ha creado nada\n"
    )
    assert main([*argv, "--password-file", str(secret), "--currency", "euros"]) == 2
    assert "moneda: use un código ISO 4217 de tres letras" in capsys.readouterr().err
