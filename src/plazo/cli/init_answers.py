"""What ``plazo init`` needs to know, and how it asks for it at a terminal.

Each answer is checked as it is given and asked for again when it is wrong (the password with
Django's own validators), so one bad answer never throws the others away. What is not given
follows from the country (``plazo.core.regional``), and the country from the machine: the
``TIME_ZONE`` environment variable (the one ``plazo serve`` reads), else ``/etc/localtime``, else
the territory of ``LANG`` (``en_GB.UTF-8`` → GB). Before anything is created the answers are
shown, and a "no" asks them again with the same answers as defaults.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import available_timezones

from plazo.cli.errors import CommandError
from plazo.core.regional import (
    country_currency,
    country_language,
    country_name,
    country_time_zone,
    time_zone_country,
)

__all__ = ["Answers", "ask_answers", "default_answers", "machine_country", "machine_time_zone"]

_TRIES = 5  # a wrong answer is asked again this many times before init gives up
_PASSWORD_TRIES = 5
_FALLBACK_COUNTRY = "ES"  # without --country and nothing on the machine to go by (scripts)
_LANGUAGES = {"en": "English", "es": "Español"}


@dataclass(frozen=True)
class Answers:
    organisation: str
    email: str
    name: str
    country: str
    currency: str
    time_zone: str
    language: str
    password: str | None = None  # None: read from --password-file


def machine_time_zone() -> str | None:
    """The machine's IANA time zone: ``TIME_ZONE``, else where ``/etc/localtime`` points."""
    named = os.environ.get("TIME_ZONE", "").strip()
    if named:
        return named if named in available_timezones() else None
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return None
    _, found, zone = target.partition("/zoneinfo/")
    return zone if found and zone in available_timezones() else None


def machine_country() -> str | None:
    """The machine's country: its time zone's, else the territory of ``LANG`` (``en_GB.UTF-8``)."""
    zone = machine_time_zone()
    if zone and (country := time_zone_country(zone)):
        return country
    for variable in ("LC_ALL", "LC_TIME", "LANG"):
        territory = os.environ.get(variable, "").split(".")[0].partition("_")[2]
        if territory and country_name(territory):
            return territory.upper()
    return None


def default_answers(
    *,
    organisation: str | None,
    email: str | None,
    name: str,
    country: str | None,
    currency: str | None,
    time_zone: str | None,
    language: str | None,
) -> Answers:
    """The answers the options give, the rest following from the country (and it from the machine).

    The country a script gives nothing for is the machine's, else Spain (plazo's first home).
    """
    country = (country or machine_country() or _FALLBACK_COUNTRY).strip().upper()
    return Answers(
        organisation=(organisation or "").strip(),
        email=(email or "").strip(),
        name=name.strip(),
        country=country,
        currency=(currency or country_currency(country) or "").strip().upper(),
        time_zone=time_zone or country_time_zone(country, prefer=machine_time_zone()) or "UTC",
        language=language or country_language(country),
    )


def summary(answers: Answers) -> str:
    """The studio about to be created, one line a value."""
    owner = f"{answers.name} <{answers.email}>" if answers.name else answers.email
    place = country_name(answers.country) or answers.country
    return "\n".join(
        [
            "Your studio:",
            f"  Name:               {answers.organisation}",
            f"  Owner (login):      {owner}",
            f"  Country:            {answers.country} ({place}); its public holidays are days off",
            f"  Currency:           {answers.currency}",
            f"  Time zone:          {answers.time_zone}",
            f"  Clients' language:  {_LANGUAGES.get(answers.language, answers.language)}",
        ]
    )


# --- checks: None when the answer is fine, else the sentence to print ----------------------


def _studio_name(value: str) -> str | None:
    return (
        None if value and len(value) <= 200 else "Give your studio a name (up to 200 characters)."
    )


def _email(value: str) -> str | None:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(value)
    except ValidationError:
        return f"{value!r} is not an e-mail address; type the one you will log in with."
    return None


def _country(value: str) -> str | None:
    from plazo.core.calendar import has_holiday_calendar

    if len(value) != 2 or not value.isalpha():
        return "Type your country's two-letter code (ISO 3166), such as GB, IE, US, ES or MX."
    if not has_holiday_calendar(value):
        return f"plazo has no public-holiday calendar for {value}; type another country's code."
    return None


def _currency(value: str) -> str | None:
    if len(value) == 3 and value.isascii() and value.isalpha():
        return None
    return "Type a three-letter currency code (ISO 4217), such as GBP, EUR or USD."


def _time_zone(value: str) -> str | None:
    if value in available_timezones():
        return None
    return f"{value!r} is not a time zone; type an IANA name such as Europe/London."


def _language(value: str) -> str | None:
    return None if value in _LANGUAGES else "Type en (English) or es (Spanish)."


def _zone_name(value: str) -> str:
    """A time zone typed in any case, as IANA spells it (``europe/london`` → ``Europe/London``)."""
    by_lower = {zone.lower(): zone for zone in available_timezones()}
    return by_lower.get(value.lower(), value)


# --- asking ----------------------------------------------------------------------------------


def _ask(
    question: str,
    check: Callable[[str], str | None],
    default: str = "",
    clean: Callable[[str], str] = str.strip,
) -> str:
    """Ask until the answer passes ``check`` (an empty answer takes ``default``)."""
    prompt = f"{question} [{default}]: " if default else f"{question}: "
    for _ in range(_TRIES):
        try:
            typed = input(prompt)
        except EOFError:
            break
        value = clean(typed.strip()) if typed.strip() else default
        problem = check(value)
        if problem is None:
            return value
        print(problem, file=sys.stderr)
    raise CommandError("no usable answer was given; nothing was created (run 'plazo init' again)")


def _ask_password(ask: Callable[[str], str], answers: Answers) -> str:
    """The owner's password, typed twice and checked at once by Django's password validators
    (the invitation and password-reset pages use the same); a refused one is asked for again."""
    from plazo.store.services.access.studio import MIN_PASSWORD_LENGTH, password_problems

    for _ in range(_PASSWORD_TRIES):
        try:
            password = ask(f"Password ({MIN_PASSWORD_LENGTH} characters or more): ")
            if not password:
                print(
                    f"A password is needed: type {MIN_PASSWORD_LENGTH} characters or more.",
                    file=sys.stderr,
                )
                continue
            problems = password_problems(password, email=answers.email, name=answers.name)
            if problems:
                print(" ".join(problems) + " Choose another.", file=sys.stderr)
                continue
            again = ask("The same password again: ")
        except EOFError:
            break
        if password != again:
            print("The two passwords differ; type it again.", file=sys.stderr)
            continue
        return password
    raise CommandError(
        "no usable password was given; nothing was created (run 'plazo init' again, or give "
        "--password-file)"
    )


def _upper(value: str) -> str:
    return value.strip().upper()


def _lower(value: str) -> str:
    return value.strip().lower()


def _questions(answers: Answers, *, ask_all: bool, given: set[str]) -> Answers:
    """Ask what the options left out (``ask_all``: everything, the answers so far as defaults)."""

    def wanted(field: str) -> bool:
        return ask_all or field not in given

    a = answers
    if wanted("organisation"):
        a = replace(a, organisation=_ask("Your studio's name", _studio_name, a.organisation))
    if wanted("email"):
        email = _ask("Your e-mail address (you log in with it)", _email, a.email, _lower)
        a = replace(a, email=email)
    if wanted("name"):
        a = replace(a, name=_ask("Your name (optional)", lambda _: None, a.name))
    if wanted("country"):
        country = _ask(
            "Your country, for public holidays (two letters: GB, IE, US, ES, MX…)",
            _country,
            a.country if (ask_all or "country" in given) else (machine_country() or ""),
            _upper,
        )
        if country != a.country:  # what follows from the country follows the new one
            a = replace(
                a,
                country=country,
                currency=a.currency if "currency" in given else (country_currency(country) or ""),
                time_zone=a.time_zone
                if "time_zone" in given
                else (country_time_zone(country, prefer=machine_time_zone()) or "UTC"),
                language=a.language if "language" in given else country_language(country),
            )
    if wanted("currency"):
        a = replace(a, currency=_ask("Currency", _currency, a.currency, _upper))
    if wanted("time_zone"):
        a = replace(a, time_zone=_ask("Time zone", _time_zone, a.time_zone, _zone_name))
    if wanted("language"):
        language = _ask("Your clients' usual language, en or es", _language, a.language, _lower)
        a = replace(a, language=language)
    return a


def ask_answers(
    answers: Answers,
    *,
    given: set[str],
    need_password: bool,
    getpass: Callable[[str], str],
) -> Answers:
    """Ask at the terminal, show the summary, and on "no" ask everything again."""
    a = _questions(answers, ask_all=False, given=given)
    if need_password:
        a = replace(a, password=_ask_password(getpass, a))
    while True:
        print(summary(a))
        try:
            reply = input("Create it? [Y/n] (n asks again; Settings changes all this later): ")
        except EOFError:
            raise CommandError("nothing was created (run 'plazo init' again)") from None
        if reply.strip().lower() in ("", "y", "yes", "s", "si", "sí"):
            return a
        a = _questions(a, ask_all=True, given=given)
        if a.password is not None and _password_refused(a):
            a = replace(a, password=_ask_password(getpass, a))


def _password_refused(answers: Answers) -> bool:
    from plazo.store.services.access.studio import password_problems

    assert answers.password is not None
    return bool(password_problems(answers.password, email=answers.email, name=answers.name))
