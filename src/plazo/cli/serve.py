"""``plazo serve``: the dashboard and admin over HTTP, with a production WSGI server."""

from __future__ import annotations

import argparse

from plazo.cli.errors import CommandError

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "serve",
        help="serve the dashboard and admin (default http://127.0.0.1:8000)",
        description="Serve plazo's web interface with waitress. Bind to 0.0.0.0 only behind a "
        "reverse proxy that terminates TLS.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to bind (default 8000)")
    parser.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from plazo.cli.django import migrate, setup_django

    setup_django()
    # Migrating is idempotent and quick when nothing is missing; a fresh home then opens on the
    # first-run form instead of a missing table.
    migrate()
    import waitress

    from plazo.store.services.access.studio import has_studio
    from plazo.web.wsgi import application

    print(f"plazo: serving on http://{args.host}:{args.port}/  (Ctrl+C to stop)", flush=True)
    if not has_studio():
        print(
            f"plazo: no organisation yet: open http://{args.host}:{args.port}/setup/ "
            "(or run 'plazo init') to create your studio",
            flush=True,
        )
    try:
        waitress.serve(application, host=args.host, port=args.port, threads=args.threads)
    except OSError as error:
        raise CommandError(
            f"cannot listen on {args.host}:{args.port} ({error.strerror})."
        ) from error
    return 0
