"""``plazo webhook add|list|remove|test``: outgoing webhooks (see docs/webhooks.md)."""

from __future__ import annotations

import argparse
import sys

from plazo.cli.actions import add_actions
from plazo.cli.django import start_studio
from plazo.cli.errors import CommandError

__all__ = ["add_parser"]

_EVENTS = "delay_case.opened,notice.sent,update.sent"


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "webhook",
        help="add, list, remove or test outgoing webhooks",
        description="plazo posts events (a delay case opened, a notice or an update sent) as "
        "signed JSON to your URLs. Each endpoint has its own secret, printed once when added; "
        "verify the X-Plazo-Signature header with it (docs/webhooks.md).",
    )
    actions = add_actions(parser)
    add = actions.add_parser("add", help="add an endpoint and print its secret once")
    add.add_argument("url", metavar="URL", help="http:// or https:// URL to post events to")
    add.add_argument(
        "--events",
        default=_EVENTS,
        metavar="LIST",
        help=f"comma-separated events to receive (default: all, {_EVENTS})",
    )
    add.add_argument("--org", metavar="SLUG", help="organisation (default: the only one)")
    add.set_defaults(run=run_add)
    listing = actions.add_parser("list", help="list endpoints (id, organisation, URL, events)")
    listing.add_argument("--org", metavar="SLUG", help="only this organisation's endpoints")
    listing.set_defaults(run=run_list)
    remove = actions.add_parser("remove", help="remove an endpoint and its pending deliveries")
    remove.add_argument("id", type=int, metavar="ID", help="the id shown by 'plazo webhook list'")
    remove.set_defaults(run=run_remove)
    test = actions.add_parser("test", help="post a signed 'ping' to an endpoint now")
    test.add_argument("id", type=int, metavar="ID", help="the id shown by 'plazo webhook list'")
    test.set_defaults(run=run_test)


def run_add(args: argparse.Namespace) -> int:
    """Add the endpoint; the secret goes alone to stdout so scripts can capture it."""
    start_studio()
    from django.utils import timezone

    from plazo.cli.organisation import pick_organisation
    from plazo.store.services.webhooks.endpoints import WebhookEndpointError, add_endpoint

    organisation = pick_organisation(args.org)
    events = [event.strip() for event in args.events.split(",") if event.strip()]
    try:
        endpoint = add_endpoint(organisation, args.url, events=events, now=timezone.now())
    except WebhookEndpointError as error:
        raise CommandError(str(error)) from None
    print(endpoint.secret)
    print(
        f"plazo: webhook {endpoint.pk} for {organisation.slug} → {endpoint.url} "
        f"({', '.join(endpoint.events)}); the secret is shown only now, store it safely",
        file=sys.stderr,
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    """One line per endpoint: id, organisation, URL, events, state."""
    start_studio()
    from plazo.cli.organisation import pick_organisation
    from plazo.store.services.webhooks.endpoints import list_endpoints

    organisation = pick_organisation(args.org) if args.org is not None else None
    for endpoint in list_endpoints(organisation):
        state = "active" if endpoint.active else "paused"
        print(
            f"{endpoint.pk}\t{endpoint.organisation.slug}\t{endpoint.url}\t"
            f"{','.join(endpoint.events)}\t{state}"
        )
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Remove the endpoint with that id."""
    start_studio()
    from plazo.store.services.webhooks.endpoints import WebhookEndpointError, remove_endpoint

    try:
        endpoint = remove_endpoint(args.id)
    except WebhookEndpointError as error:
        raise CommandError(str(error)) from None
    print(f"removed webhook {args.id} ({endpoint.url}, {endpoint.organisation.slug})")
    return 0


def run_test(args: argparse.Namespace) -> int:
    """Post a ping now; exit 0 when the receiver answered 2xx, 1 otherwise."""
    start_studio()
    import random

    from django.utils import timezone

    from plazo.store.services.webhooks.endpoints import WebhookEndpointError, queue_ping
    from plazo.webhooks.delivery import deliver_webhook

    now = timezone.now()
    try:
        ping = queue_ping(args.id, now=now)
    except WebhookEndpointError as error:
        raise CommandError(str(error)) from None
    ping = deliver_webhook(ping.pk, now=now, rng=random.Random())
    answer = f"HTTP {ping.last_status}" if ping.last_status is not None else "no answer"
    if ping.state == "sent":
        print(f"ping {ping.pk} delivered: {answer}")
        return 0
    later = " (the worker will retry it)" if ping.state == "retry" else ""
    print(f"ping {ping.pk} {ping.state}: {ping.last_error or answer}{later}", file=sys.stderr)
    return 1
