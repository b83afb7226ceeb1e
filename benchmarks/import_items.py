"""Import speed: N work items from one CSV through ``import_text`` (parse, match, bulk write).

Prints JSON. The database is a fresh SQLite file under a temporary PLAZO_HOME (or DATABASE_URL).
Runs the import three ways: a dry run, the first import (all created) and a re-import with every
estimate changed (all updated). Usage: python benchmarks/import_items.py [--items N]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time

os.environ.setdefault("PLAZO_HOME", tempfile.mkdtemp(prefix="plazo-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plazo.conf.settings")


def _csv(items: int, projects: int, *, estimate_offset: int) -> str:
    lines = ["project,external_id,title,estimate_hours,status,estimator,added_on,completed_on"]
    for n in range(items):
        done = n % 3 == 0
        lines.append(
            f"P{n % projects},item-{n},Task number {n},{1 + (n + estimate_offset) % 40},"
            f"{'done' if done else 'todo'},person{n % 7},2026-01-05,{'2026-02-02' if done else ''}"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--projects", type=int, default=50)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from plazo.store.models import Client, Organisation, Project, WorkItem
    from plazo.store.services.importing import import_text

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="Bench", slug=f"bench-{time.time_ns()}")
    client = Client.objects.create(organisation=org, name="Bench client")
    Project.objects.bulk_create(
        Project(organisation=org, client=client, name=f"P{n}", start_on="2026-01-05")
        for n in range(args.projects)
    )
    first_text = _csv(args.items, args.projects, estimate_offset=0)
    second_text = _csv(args.items, args.projects, estimate_offset=1)
    timings: dict[str, float] = {}
    for label, text, dry_run in (
        ("dry_run_seconds", first_text, True),
        ("create_seconds", first_text, False),
        ("update_seconds", second_text, False),
    ):
        started = time.perf_counter()
        import_text(
            org, "items", text, "csv", source="bench.csv", now=timezone.now(), dry_run=dry_run
        )
        timings[label] = round(time.perf_counter() - started, 2)
    stored = WorkItem.objects.for_organisation(org).count()
    WorkItem.objects.for_organisation(org).delete()  # leave a shared database as it was
    Project.objects.for_organisation(org).delete()
    org.delete()
    from django.db import connection

    print(
        json.dumps(
            {
                "benchmark": "import_items",
                "database": connection.vendor,
                "items": args.items,
                "stored": stored,
                **timings,
                "create_items_per_second": round(args.items / timings["create_seconds"]),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
