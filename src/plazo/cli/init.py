"""``plazo init``: a studio of one's own on an empty home (migrate, organisation, owner, policy)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from plazo.cli.errors import CommandError

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "init",
        help="set up your own studio: create the database, your organisation and its owner",
        description="Migrate the database, then create your organisation, its owner (who logs in "
        "to the dashboard and the admin with that e-mail address and password) and the default "
        "compensation policy. Without --organisation, --email and --password-file it asks for "
        "them. Data lives under $PLAZO_HOME (default ./.plazo) or in DATABASE_URL.",
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
        "--language", choices=("es", "en"), default=None, help="clients' default (default es)"
    )
    parser.add_argument("--currency", default="EUR", help="ISO 4217 code (default EUR)")
    parser.add_argument("--country", default="ES", help="public holidays, ISO 3166 (default ES)")
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


def _ask(args: argparse.Namespace) -> None:
    """Fill in what the options left out, asking at the terminal."""
    import getpass

    missing = [
        option
        for option, value in (
            ("--organisation", args.organisation),
            ("--email", args.email),
            ("--password-file", args.password_file),
        )
        if not value
    ]
    if not missing:
        return
    if not sys.stdin.isatty():
        raise CommandError(
            f"missing {', '.join(missing)}; give them, or run 'plazo init' at a terminal "
            "to be asked"
        )
    if not args.organisation:
        args.organisation = input("Your studio's name: ").strip()
    if not args.email:
        args.email = input("Your e-mail address (you log in with it): ").strip()
    if not args.name:
        args.name = input("Your name (optional): ").strip()
    if args.language is None:
        args.language = (input("Clients' language, es or en [es]: ").strip() or "es").lower()
    if not args.password_file:
        args.password = _ask_password(getpass.getpass)


_PASSWORD_TRIES = 3


def _ask_password(ask: Callable[[str], str]) -> str:
    """The owner's password, typed twice; an empty one is asked for again (three tries)."""
    for _ in range(_PASSWORD_TRIES):
        try:
            password = ask("Password (8 characters or more): ")
            if not password:
                print("A password is needed: type 8 characters or more.", file=sys.stderr)
                continue
            again = ask("The same password again: ")
        except EOFError:
            break
        if password != again:
            raise CommandError("the two passwords differ; nothing was created")
        return password
    raise CommandError(
        "no password was given; nothing was created (run 'plazo init' again, or give "
        "--password-file)"
    )


def run(args: argparse.Namespace) -> int:
    args.password = None
    _ask(args)
    password = args.password if args.password is not None else _password_from(args.password_file)
    from plazo.cli.django import migrate, setup_django

    setup_django()
    migrate()
    from django.conf import settings

    from plazo.store.models import Organisation
    from plazo.store.services.access.studio import StudioSetupError, create_studio

    existing = Organisation.objects.order_by("pk").first()
    if existing is not None:
        raise CommandError(
            f"this home already has an organisation ({existing.name}); log in with "
            "'plazo serve', or add people from the dashboard's Members page"
        )
    try:
        created = create_studio(
            organisation=args.organisation,
            email=args.email,
            password=password,
            owner_name=args.name,
            language=args.language or "es",
            currency=args.currency,
            country=args.country,
            first=True,
        )
    except StudioSetupError as error:
        raise CommandError(f"{error}; nothing was created") from None
    org = created.organisation
    print(f"plazo: created {org.name} ({org.slug}); owner {created.owner.email}")
    print("Next steps:")
    print("  1. plazo serve      then open " + settings.PLAZO_BASE_URL + "/ and log in with")
    print(f"                     {created.owner.email} and your password")
    print("  2. Add a client and a project (Clients, New project), then its work items")
    print("     (one 'Title, 6h' per line); the forecast follows every change.")
    print("  3. plazo worker     sends the weekly updates and delay notices you approve")
    print("                      (This week lists them; set EMAIL_URL for real mail).")
    return 0
