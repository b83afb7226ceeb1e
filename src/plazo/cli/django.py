"""Start Django for the sub-commands that need the database, turning set-up failures into errors."""

from __future__ import annotations

import os

from plazo.cli.errors import CommandError

__all__ = [
    "ensure_database",
    "migrate",
    "require_studio",
    "setup_django",
    "start_studio",
    "unapplied_migrations",
]


def setup_django() -> None:
    """Read the settings from the environment and start Django; a bad setting is a CommandError."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plazo.conf.settings")
    import django

    from plazo.conf.errors import ConfigError

    try:
        django.setup()
    except ConfigError as error:
        raise CommandError(str(error)) from error


def ensure_database() -> None:
    """Connect once, so an unreachable database is one clear sentence, not a traceback."""
    from django.db import DatabaseError, connection

    try:
        connection.ensure_connection()
    except DatabaseError as error:
        params = connection.settings_dict
        where = (
            f"{params.get('HOST') or 'localhost'}:{params.get('PORT') or 5432}/{params['NAME']}"
            if connection.vendor == "postgresql"
            else str(params["NAME"])
        )
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise CommandError(
            f"cannot reach the {connection.vendor} database at {where} ({reason}); "
            "check DATABASE_URL and that the server is running."
        ) from error


def migrate() -> None:
    """Bring the schema up to date, quietly."""
    from django.core.management import call_command

    ensure_database()
    call_command("migrate", interactive=False, verbosity=0)


def unapplied_migrations() -> list[str]:
    """Names of migrations the database still lacks."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    ensure_database()
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


NOT_SET_UP = (
    "{where} is not set up yet; run 'plazo init' to create your studio "
    "(or 'plazo demo' to try plazo with a demo portfolio)."
)


def require_studio() -> None:
    """Connect, and stop with one sentence (exit 2) unless the schema and an organisation exist.

    Every command that reads or writes the database calls this before it touches a table, so a
    fresh home says what to run instead of failing on a missing table.
    """
    from django.conf import settings
    from django.db import connection

    ensure_database()
    where = (
        f"this plazo home ({settings.PLAZO_HOME})"
        if connection.vendor == "sqlite"
        else f"the {connection.vendor} database {connection.settings_dict['NAME']}"
    )
    if unapplied_migrations():
        raise CommandError(NOT_SET_UP.format(where=where))
    from plazo.store.services.access.studio import has_studio

    if not has_studio():
        raise CommandError(NOT_SET_UP.format(where=where))


def start_studio() -> None:
    """Start Django and stop with one sentence unless the studio is set up (``require_studio``)."""
    setup_django()
    require_studio()
