"""``plazo token create|list|revoke``: bearer tokens for the REST API."""

from __future__ import annotations

import argparse
import sys

from plazo.cli.actions import add_actions
from plazo.cli.django import start_studio
from plazo.cli.errors import CommandError

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "token",
        help="create, list or revoke REST API tokens",
        description="API tokens belong to one organisation. Only a digest is stored: the token "
        "is printed once, when created. Use it as 'Authorization: Bearer plz_…'.",
    )
    actions = add_actions(parser)
    create = actions.add_parser("create", help="create a token and print it once")
    create.add_argument("--org", metavar="SLUG", help="organisation (default: the only one)")
    create.add_argument("--name", default="api", help="what the token is for (default 'api')")
    create.set_defaults(run=run_create)
    listing = actions.add_parser("list", help="list tokens (prefix, name, state)")
    listing.add_argument("--org", metavar="SLUG", help="only this organisation's tokens")
    listing.set_defaults(run=run_list)
    revoke = actions.add_parser("revoke", help="revoke a token by its prefix")
    revoke.add_argument("prefix", metavar="PREFIX", help="the prefix shown by 'plazo token list'")
    revoke.set_defaults(run=run_revoke)


def run_create(args: argparse.Namespace) -> int:
    """Create a token and print the secret (stdout, alone, so scripts can capture it)."""
    start_studio()
    from django.utils import timezone

    from plazo.cli.organisation import pick_organisation
    from plazo.store.services.access.tokens import create_token

    organisation = pick_organisation(args.org)
    if not args.name.strip() or len(args.name) > 120:
        raise CommandError("--name must be 1 to 120 characters")
    created = create_token(organisation, name=args.name.strip(), now=timezone.now())
    print(created.secret)
    print(
        f"plazo: token {created.token.prefix}… for {organisation.slug}; it is shown only now, "
        "store it safely",
        file=sys.stderr,
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    """One line per token: prefix, organisation, name, created, last used, state."""
    start_studio()
    from plazo.cli.organisation import pick_organisation
    from plazo.store.services.access.tokens import list_tokens

    organisation = None
    if args.org is not None:
        organisation = pick_organisation(args.org)
    for token in list_tokens(organisation):
        used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
        state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "live"
        print(
            f"{token.prefix}\t{token.organisation.slug}\t{token.name}\t"
            f"created {token.created_at:%Y-%m-%d}\tused {used}\t{state}"
        )
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    """Revoke the live token with that prefix."""
    start_studio()
    from django.utils import timezone

    from plazo.store.services.access.tokens import TokenError, revoke_token

    try:
        token = revoke_token(args.prefix, now=timezone.now())
    except TokenError as error:
        raise CommandError(str(error)) from None
    print(f"revoked {token.prefix}… ({token.name}, {token.organisation.slug})")
    return 0
