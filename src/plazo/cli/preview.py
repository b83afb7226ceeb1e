"""``plazo preview``: print or write the message a project's client would receive."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plazo.cli.errors import CommandError

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "preview",
        help="show a project's weekly update, delay notice or delivery message without sending it",
        description="Compose a message for PROJECT (its name or id) exactly as it would go out "
        "now, and print it (text or HTML) or write the .eml. Nothing is stored or sent.",
    )
    parser.add_argument("project", metavar="PROJECT", help="project name or id")
    parser.add_argument("--kind", choices=("weekly", "delay", "delivered"), default="weekly")
    parser.add_argument("--lang", choices=("es", "en"), help="override the client's language")
    parser.add_argument("--format", choices=("text", "html", "eml"), default="text")
    parser.add_argument("--output", "-o", type=Path, help="write to this file instead of stdout")
    parser.add_argument("--org", help="organisation slug (default: the only one)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from plazo.cli.django import require_studio, setup_django

    setup_django()
    require_studio()
    from django.utils import timezone

    from plazo.cli.organisation import pick_organisation
    from plazo.core.compose import ComposeError
    from plazo.core.errors import PlazoError
    from plazo.store.models import Project
    from plazo.store.services.checkins.preview import preview_message

    organisation = pick_organisation(args.org)
    projects = Project.objects.for_organisation(organisation).select_related("client")
    project = (
        projects.filter(pk=int(args.project)).first() if args.project.isdigit() else None
    ) or projects.filter(name=args.project).first()
    if project is None:
        names = ", ".join(projects.values_list("name", flat=True)[:8])
        raise CommandError(f"no project {args.project!r} in {organisation.name} (some: {names}).")
    try:
        message = preview_message(project, args.kind, now=timezone.now(), language=args.lang)
    except ComposeError as error:
        raise CommandError(f"cannot compose it yet: {'; '.join(error.problems)}.") from error
    except PlazoError as error:  # PreviewUnavailable, NotReadyToCompose…
        raise CommandError(str(error)) from error
    if args.format == "eml":
        data = message.to_email().as_bytes()
    else:
        body = message.text if args.format == "text" else message.html
        data = (f"Subject: {message.subject}\n\n{body}" if args.format == "text" else body).encode()
    if args.output:
        args.output.write_bytes(data)
        print(f"plazo: wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
