"""``plazo init``: a studio of one's own on an empty home (migrate, organisation, owner, policy)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from plazo.cli.errors import CommandError
from plazo.cli.init_answers import Answers, ask_answers, default_answers

if TYPE_CHECKING:
    from plazo.store.models import Organisation

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "init",
        help="set up your own studio: create the database, your organisation and its owner",
        description="Migrate the database, then create your organisation, its owner (who logs in "
        "to the dashboard and the admin with that e-mail address and password) and the default "
        "compensation policy. Without --organisation, --email and --password-file it asks for "
        "them, and for the country, currency, time zone and clients' language, checking each "
        "answer as it is given and showing them all before creating anything. It asks in the "
        "machine's language when plazo speaks it (Spanish or English: LANGUAGE, LC_ALL, "
        "LC_MESSAGES, LANG, in that order). Data lives under $PLAZO_HOME (default ./.plazo) or in "
        "DATABASE_URL.",
    )
    parser.add_argument("--organisation", metavar="NAME", help="your studio's name")
    parser.add_argument("--email", metavar="EMAIL", help="the owner's e-mail address (the login)")
    parser.add_argument(
        "--password-file",
        metavar="FILE",
        help="a file whose first line is the owner's password ('-' reads standard input)",
    )
    parser.add_argument("--name", default="", help="the owner's full name")
    parser.add_argument(
        "--country",
        default=None,
        help="the country whose public holidays are days off: its ISO 3166 code or its name in "
        "English or Spanish (default: the machine's, from TIME_ZONE or LANG, else ES)",
    )
    parser.add_argument(
        "--currency", default=None, help="ISO 4217 code (default: the country's, GB → GBP)"
    )
    parser.add_argument(
        "--time-zone",
        default=None,
        metavar="ZONE",
        help="IANA name (default: the machine's when it is in the country, else the country's "
        "capital's, GB → Europe/London)",
    )
    parser.add_argument(
        "--language",
        choices=("es", "en"),
        default=None,
        help="clients' usual language (default: es in Spanish-speaking countries, else en)",
    )
    parser.set_defaults(run=run)


def _password_from(path_text: str) -> str:
    if path_text == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(path_text).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot read {path_text}: {error.strerror}") from None
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise CommandError(f"{path_text}: the first line must be the password")
    return lines[0]


def _answers(args: argparse.Namespace) -> Answers:
    """The options' answers, the rest asked at a terminal (or following from the country)."""
    import getpass

    answers = default_answers(
        organisation=args.organisation,
        email=args.email,
        name=args.name,
        country=args.country,
        currency=args.currency,
        time_zone=args.time_zone,
        language=args.language,
    )
    if args.organisation and args.email and args.password_file:
        return answers
    given = {
        field
        for field, value in vars(args).items()
        if value and field in {"organisation", "email", "name", "country", "currency", "language"}
    }
    if args.time_zone:
        given.add("time_zone")
    return ask_answers(
        answers, given=given, need_password=not args.password_file, getpass=getpass.getpass
    )


def _missing_options(args: argparse.Namespace) -> None:
    """Without a terminal, every option init cannot do without must be given."""
    missing = [
        option
        for option, value in (
            ("--organisation", args.organisation),
            ("--email", args.email),
            ("--password-file", args.password_file),
        )
        if not value
    ]
    if missing and not sys.stdin.isatty():
        raise CommandError(
            f"missing {', '.join(missing)}; give them, or run 'plazo init' at a terminal "
            "to be asked"
        )


def run(args: argparse.Namespace) -> int:
    _missing_options(args)
    from plazo.cli.django import migrate, setup_django

    setup_django()
    migrate()
    from django.utils import translation

    from plazo.cli.terminal_language import terminal_language

    with translation.override(terminal_language()):
        return _create(args)


def _create(args: argparse.Namespace) -> int:
    """Ask, create the studio, and say what to do next (in the active language)."""
    from django.utils.translation import gettext as _

    from plazo.store.models import Organisation
    from plazo.store.services.access.studio import StudioSetupError, create_studio

    existing = Organisation.objects.order_by("pk").first()
    if existing is not None:  # said before any question, not after them all
        raise CommandError(
            _(
                "this home already has an organisation (%(name)s); log in with 'plazo serve', "
                "or add people from the dashboard's Members page"
            )
            % {"name": existing.name}
        )
    answers = _answers(args)
    password = answers.password
    if password is None:
        password = _password_from(args.password_file)
    try:
        created = create_studio(
            organisation=answers.organisation,
            email=answers.email,
            password=password,
            owner_name=answers.name,
            language=answers.language,
            currency=answers.currency,
            country=answers.country,
            time_zone=answers.time_zone,
            first=True,
        )
    except StudioSetupError as error:
        raise CommandError(_("%(error)s; nothing was created") % {"error": error}) from None
    print(_created(created.organisation, created.owner.email))
    return 0


def _created(org: Organisation, email: str) -> str:
    """What was created, and the next steps, each step's lines in one column."""
    from django.conf import settings
    from django.utils.translation import gettext as _

    lines = [
        _("plazo: created %(name)s (%(slug)s); owner %(email)s")
        % {"name": org.name, "slug": org.slug, "email": email},
        "       "
        + _(
            "country %(country)s (public holidays), currency %(currency)s, time zone %(zone)s, "
            "clients' language %(language)s"
        )
        % {
            "country": org.country,
            "currency": org.currency,
            "zone": org.time_zone,
            "language": org.language,
        },
        _("Next steps:"),
    ]
    url = settings.PLAZO_BASE_URL + "/"
    steps = [
        (
            "plazo serve",
            _("then open %(url)s and log in with") % {"url": url},
            _("%(email)s and your password") % {"email": email},
        ),
        (
            "",
            _("Add a client and a project (Clients, New project), then its work items"),
            _("(one 'Title, 6h' per line); the forecast follows every change."),
        ),
        (
            "plazo worker",
            _("sends the weekly updates and delay notices you approve"),
            _("(This week lists them; set EMAIL_URL for real mail)."),
        ),
    ]
    for number, (command, first, then) in enumerate(steps, start=1):
        head = f"  {number}. " + (f"{command:<17}" if command else "")
        lines += [head + first, " " * len(head) + then]
    lines += [
        "  " + _("Settings (in the dashboard's header) changes the country, currency, time zone"),
        "  " + _("and language above, and whether weekly updates wait for your approval."),
    ]
    return "\n".join(lines)
