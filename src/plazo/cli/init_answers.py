"""What ``plazo init`` needs to know, and how it asks for it at a terminal.

Each answer is checked as it is given and asked for again when it is wrong (the password with
Django's own validators), so one bad answer never throws the others away. What is not given
follows from the country, and the country from the machine: the rule and the checks are
``plazo.store.services.access.studio_places``', which the ``/setup/`` form uses too. Before
anything is created the answers are shown, and a "no" asks them again with the same answers as
defaults. Everything is said in the terminal's language (``plazo.cli.terminal_language``), which
the caller activates; a country is typed by its name (English or Spanish) or its code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plazo.cli.errors import CommandError
from plazo.core.country_names import close_countries, country_code
from plazo.core.regional import country_name
from plazo.store.services.access.studio_places import (
    LANGUAGES,
    StudioPlace,
    country_problem,
    currency_problem,
    follow_country,
    language_problem,
    machine_country,
    place_defaults,
    time_zone_problem,
    zone_name,
)

__all__ = ["Answers", "ask_answers", "default_answers"]

_TRIES = 5  # a wrong answer is asked again this many times before init gives up
_PASSWORD_TRIES = 5


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

    @property
    def place(self) -> StudioPlace:
        return StudioPlace(self.country, self.currency, self.time_zone, self.language)


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
    if country:
        country = country_code(country) or country
    place = place_defaults(
        country=country, currency=currency, time_zone=time_zone, language=language
    )
    return Answers(
        organisation=(organisation or "").strip(),
        email=(email or "").strip(),
        name=name.strip(),
        country=place.country,
        currency=place.currency,
        time_zone=place.time_zone,
        language=place.language,
    )


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def summary(answers: Answers) -> str:
    """The studio about to be created, one line a value, the values in one column."""
    owner = f"{answers.name} <{answers.email}>" if answers.name else answers.email
    place = country_name(answers.country, _language()) or answers.country
    rows = [
        (_("Name:"), answers.organisation),
        (_("Owner (login):"), owner),
        (
            _("Country:"),
            _("%(code)s (%(name)s); its public holidays are days off")
            % {"code": answers.country, "name": place},
        ),
        (_("Currency:"), answers.currency),
        (_("Time zone:"), answers.time_zone),
        (_("Clients' language:"), LANGUAGES.get(answers.language, answers.language)),
    ]
    width = max(len(label) for label, _value in rows) + 2
    return "\n".join([_("Your studio:"), *(f"  {label:<{width}}{value}" for label, value in rows)])


# --- checks: None when the answer is fine, else the sentence to print ----------------------


def _studio_name(value: str) -> str | None:
    return (
        None
        if value and len(value) <= 200
        else _("Give your studio a name (up to 200 characters).")
    )


def _email(value: str) -> str | None:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(value)
    except ValidationError:
        return _("'%(value)s' is not an e-mail address; type the one you will log in with.") % {
            "value": value
        }
    return None


# --- asking ----------------------------------------------------------------------------------


def _ask(
    question: str,
    check: Callable[[str], str | None],
    default: str = "",
    clean: Callable[[str], str] = str.strip,
) -> str:
    """Ask until the answer passes ``check`` (an empty answer takes ``default``)."""
    prompt = f"{question} [{default}]: " if default else f"{question}: "
    for _try in range(_TRIES):
        try:
            typed = input(prompt)
        except EOFError:
            break
        value = clean(typed.strip()) if typed.strip() else default
        problem = check(value)
        if problem is None:
            return value
        print(problem, file=sys.stderr)
    raise CommandError(
        _("no usable answer was given; nothing was created (run 'plazo init' again)")
    )


def _ask_password(ask: Callable[[str], str], answers: Answers) -> str:
    """The owner's password, typed twice and checked at once by Django's password validators
    (the invitation and password-reset pages use the same); a refused one is asked for again."""
    from plazo.store.services.access.studio import MIN_PASSWORD_LENGTH, password_problems

    for _try in range(_PASSWORD_TRIES):
        try:
            length = {"length": MIN_PASSWORD_LENGTH}
            password = ask(_("Password (%(length)s characters or more): ") % length)
            if not password:
                print(
                    _("A password is needed: type %(length)s characters or more.") % length,
                    file=sys.stderr,
                )
                continue
            problems = password_problems(password, email=answers.email, name=answers.name)
            if problems:
                print(" ".join([*problems, _("Choose another.")]), file=sys.stderr)
                continue
            again = ask(_("The same password again: "))
        except EOFError:
            break
        if password != again:
            print(_("The two passwords differ; type it again."), file=sys.stderr)
            continue
        return password
    raise CommandError(
        _(
            "no usable password was given; nothing was created (run 'plazo init' again, or give "
            "--password-file)"
        )
    )


def _upper(value: str) -> str:
    return value.strip().upper()


def _country(value: str) -> str:
    """A country typed by its code or its name, in English, Spanish or the terminal's
    language, accents and case aside ("España", "spain", "es" → "ES")."""
    typed = value.strip()
    found = country_code(typed, ("en", "es", _language()))
    return found or (typed.upper() if len(typed) == 2 else typed)


def _country_problem(value: str) -> str | None:
    """:func:`country_problem`, and for a name plazo does not know the countries it is
    closest to ("Espagna" → "España (ES)?")."""
    if len(value) == 2 and value.isalpha():
        return country_problem(value)
    language = _language()
    close = [
        f"{country_name(code, language)} ({code})"
        for code in close_countries(value, ("en", "es", language))
    ]
    sentence = _(
        "'%(answer)s' is no country plazo knows; type its name (España, United Kingdom…) or its "
        "two-letter code (ES, GB…)."
    ) % {"answer": value}
    if close:
        sentence += " " + _("Did you mean %(countries)s?") % {"countries": _(" or ").join(close)}
    return sentence


def _lower(value: str) -> str:
    return value.strip().lower()


def _questions(answers: Answers, *, ask_all: bool, given: set[str]) -> Answers:
    """Ask what the options left out (``ask_all``: everything, the answers so far as defaults)."""

    def wanted(field: str) -> bool:
        return ask_all or field not in given

    a = answers
    if wanted("organisation"):
        a = replace(a, organisation=_ask(_("Your studio's name"), _studio_name, a.organisation))
    if wanted("email"):
        email = _ask(_("Your e-mail address (you log in with it)"), _email, a.email, _lower)
        a = replace(a, email=email)
    if wanted("name"):
        a = replace(a, name=_ask(_("Your name (optional)"), lambda _value: None, a.name))
    if wanted("country"):
        country = _ask(
            _("Your country, for public holidays (its name, or two letters: GB, IE, US, ES, MX…)"),
            _country_problem,
            a.country if (ask_all or "country" in given) else (machine_country() or ""),
            _country,
        )
        # What follows from the country follows the new one, except what the options gave.
        place = follow_country(a.place, country, kept=given)
        a = replace(
            a,
            country=place.country,
            currency=place.currency,
            time_zone=place.time_zone,
            language=place.language,
        )
    if wanted("currency"):
        a = replace(a, currency=_ask(_("Currency"), currency_problem, a.currency, _upper))
    if wanted("time_zone"):
        zone_check = partial(time_zone_problem, country=a.country)
        a = replace(a, time_zone=_ask(_("Time zone"), zone_check, a.time_zone, zone_name))
    if wanted("language"):
        question = _("Your clients' usual language, en or es")
        language = _ask(question, language_problem, a.language, _lower)
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
            reply = input(_("Create it? [Y/n] (n asks again; Settings changes all this later): "))
        except EOFError:
            raise CommandError(_("nothing was created (run 'plazo init' again)")) from None
        if reply.strip().lower() in ("", "y", "yes", "s", "si", "sí"):
            return a
        a = _questions(a, ask_all=True, given=given)
        if a.password is not None and _password_refused(a):
            a = replace(a, password=_ask_password(getpass, a))


def _password_refused(answers: Answers) -> bool:
    from plazo.store.services.access.studio import password_problems

    assert answers.password is not None
    return bool(password_problems(answers.password, email=answers.email, name=answers.name))
