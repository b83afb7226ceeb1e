"""``plazo import github|jira``: fetch a tracker's milestones or versions and issues, then import.

Everything is fetched first and written in one transaction, so a failure part-way writes nothing.
Exit codes: 0 imported; 1 the tracker is unavailable or rate-limited for longer than
``--max-wait`` (run again later); 2 bad options, refused credentials, nothing at that address, or
records plazo cannot take (every problem listed).
"""

from __future__ import annotations

import argparse
import os
import sys
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from plazo.cli.errors import CommandError

if TYPE_CHECKING:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from plazo.core.tracker import TrackerBatch
    from plazo.sources import Pacing
    from plazo.store.models import Organisation
    from plazo.store.services.importing.tracker import TrackerReport

__all__ = ["TRACKERS", "add_tracker_arguments", "check_file_arguments", "run_tracker"]

TRACKERS = ("github", "jira")
_TOKEN_ENV = {"github": "GITHUB_TOKEN", "jira": "JIRA_TOKEN"}
_OPTIONS = {  # dest: the tracker it belongs to ("both" for shared ones)
    "token": "both", "max_wait": "both", "hours_per_point": "both", "full": "github",
    "milestone": "github", "base_url": "github", "estimate_label": "github",
    "hours_per_day": "github", "url": "jira", "jql": "jira", "user": "jira",
    "story_points_field": "jira", "estimate": "jira", "search_api": "jira",
}  # fmt: skip


def add_tracker_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``plazo import github|jira`` (two groups in ``--help``)."""
    both = parser.add_argument_group("github and jira")
    both.add_argument(
        "--token", help="API token (default: $GITHUB_TOKEN or $JIRA_TOKEN, kept out of history)"
    )
    both.add_argument(
        "--max-wait",
        type=float,
        metavar="SECONDS",
        help="longest rate-limit wait to sit out before giving up (default 900)",
    )
    both.add_argument(
        "--hours-per-point",
        metavar="HOURS",
        help="hours one story point stands for (default 4)",
    )
    github = parser.add_argument_group("github")
    github.add_argument("--milestone", metavar="TITLE|NUMBER", help="only this milestone")
    github.add_argument(
        "--base-url", metavar="URL", help="API address (default https://api.github.com)"
    )
    github.add_argument(
        "--estimate-label",
        metavar="REGEX",
        help="labels holding estimates: a group 'value' (the number), optionally 'unit' "
        "(h, d or pts; none means points); default matches 'estimate: 3h', 'size: 5'",
    )
    github.add_argument(
        "--hours-per-day", metavar="HOURS", help="hours a day in a label stands for (default 8)"
    )
    github.add_argument(
        "--full",
        action="store_true",
        help="fetch every issue, not only those updated since the last import",
    )
    jira = parser.add_argument_group("jira")
    jira.add_argument("--url", help="the Jira site, e.g. https://acme.atlassian.net")
    jira.add_argument("--jql", help='the issues to import, e.g. "project = ABC"')
    jira.add_argument(
        "--user",
        help="e-mail for basic auth with an API token (default: $JIRA_USER); "
        "without it the token is sent as a bearer token",
    )
    jira.add_argument(
        "--story-points-field",
        metavar="FIELD",
        help="the custom field holding story points (default customfield_10016)",
    )
    jira.add_argument(
        "--search-api",
        choices=("classic", "cloud"),
        help="/rest/api/2/search paged by startAt (classic) or /rest/api/3/search/jql paged by "
        "token (cloud); default: cloud for *.atlassian.net, classic elsewhere",
    )
    jira.add_argument(
        "--estimate",
        choices=("auto", "points", "time"),
        help="story points × hours per point, the original estimate, or points when set else "
        "the original estimate (auto, the default)",
    )


def check_file_arguments(args: argparse.Namespace) -> None:
    """A file import takes ``--kind`` and none of the tracker options."""
    if args.kind is None:
        raise CommandError("--kind is required when importing a file")
    if args.repository is not None:
        raise CommandError(f"unexpected argument {args.repository!r}; import one file at a time")
    for dest in _OPTIONS:
        if getattr(args, dest) not in (None, False):
            raise CommandError(
                f"--{dest.replace('_', '-')} applies to github and jira imports only"
            )


def run_tracker(args: argparse.Namespace) -> int:
    """Fetch, import, schedule the re-forecasts, and print what changed."""
    _check_options(args)
    from plazo.cli.django import require_studio, setup_django

    setup_django()
    require_studio()
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from plazo.cli.organisation import pick_organisation
    from plazo.sources import Pacing, SourceError, Unavailable
    from plazo.store.services.importing import ImportRejected
    from plazo.store.services.importing.tracker import import_tracker
    from plazo.worker.tasks import schedule_reforecast

    organisation = pick_organisation(args.org)
    pacing = Pacing(max_wait_seconds=900.0 if args.max_wait is None else args.max_wait, say=_say)
    zone = ZoneInfo(organisation.time_zone)
    service = "GitHub" if args.file == "github" else "Jira"
    try:
        if args.file == "github":
            batch, source, client_name = _fetch_github(args, organisation, zone, pacing)
        else:
            batch, source, client_name = _fetch_jira(args, zone, pacing)
    except SourceError as error:
        raise CommandError(str(error), 1 if isinstance(error, Unavailable) else 2) from None
    except (KeyError, TypeError, ValueError) as error:
        raise CommandError(
            f"{service} answered in a shape plazo does not understand ({error!r})", 1
        ) from None
    try:
        report = import_tracker(
            organisation,
            batch,
            client_name=args.client or client_name,
            source=source,
            now=timezone.now(),
            dry_run=args.dry_run,
            reforecast=lambda project_id: schedule_reforecast(project_id, now=timezone.now()),
        )
    except ImportRejected as rejected:
        for problem in rejected.problems:
            print(problem.message)
        print(f"plazo: {source}: {rejected}", file=sys.stderr)
        return 2
    print(_summary(report, source, organisation.slug))
    return 0


def _check_options(args: argparse.Namespace) -> None:
    """Refuse the other tracker's options and missing ones (exit 2); take the token from the env."""
    for dest, tracker in _OPTIONS.items():
        if tracker not in ("both", args.file) and getattr(args, dest) not in (None, False):
            raise CommandError(f"--{dest.replace('_', '-')} does not apply to {args.file} imports")
    if args.kind is not None:
        raise CommandError(f"--kind applies to file imports, not {args.file}")
    if args.file == "github" and args.repository is None:
        raise CommandError("name the repository: plazo import github OWNER/REPO")
    if args.file == "jira":
        if args.repository is not None:
            raise CommandError("jira takes no positional argument; use --url and --jql")
        if not args.url or not args.jql:
            raise CommandError('jira needs --url (the site) and --jql (e.g. "project = ABC")')
    if args.max_wait is not None and args.max_wait < 0:
        raise CommandError("--max-wait must be 0 or more seconds")
    args.token = args.token or os.environ.get(_TOKEN_ENV[args.file]) or None


def _fetch_github(
    args: argparse.Namespace, organisation: Organisation, zone: ZoneInfo, pacing: Pacing
) -> tuple[TrackerBatch, str, str]:
    import re

    from plazo.core.tracker import DEFAULT_ESTIMATE_LABEL, EstimateRule
    from plazo.sources.github import DEFAULT_BASE_URL, GitHubRepo, fetch_github, github_client
    from plazo.store.services.importing.tracker import sync_since

    try:
        repo = GitHubRepo.parse(args.repository)
        rule = EstimateRule(
            args.estimate_label or DEFAULT_ESTIMATE_LABEL,
            hours_per_point=_hours(args.hours_per_point, "--hours-per-point", "4"),
            hours_per_day=_hours(args.hours_per_day, "--hours-per-day", "8"),
        )
    except re.error as error:
        raise CommandError(f"--estimate-label is not a valid regular expression: {error}") from None
    except ValueError as error:
        raise CommandError(str(error)) from None

    def since_for(external_id: str) -> datetime | None:
        return None if args.full else sync_since(organisation, [external_id]).get(external_id)

    with github_client(args.token, args.base_url or DEFAULT_BASE_URL, pacing=pacing) as client:
        batch = fetch_github(
            client, repo, rule=rule, zone=zone, milestone=args.milestone, since_for=since_for
        )
    return batch, f"GitHub {repo}", repo.owner


def _fetch_jira(
    args: argparse.Namespace, zone: ZoneInfo, pacing: Pacing
) -> tuple[TrackerBatch, str, str]:
    from plazo.sources.jira import (
        DEFAULT_STORY_POINTS_FIELD,
        JiraFields,
        fetch_jira,
        jira_client,
        search_api_for,
        site_of,
    )

    try:
        site = site_of(args.url)
    except ValueError as error:
        raise CommandError(str(error)) from None
    fields = JiraFields(
        story_points_field=args.story_points_field or DEFAULT_STORY_POINTS_FIELD,
        estimate=args.estimate or "auto",
        hours_per_point=_hours(args.hours_per_point, "--hours-per-point", "4"),
    )
    user = args.user or os.environ.get("JIRA_USER") or None
    with jira_client(args.url, user=user, token=args.token, pacing=pacing) as client:
        batch = fetch_jira(
            client,
            jql=args.jql,
            site=site,
            fields=fields,
            zone=zone,
            search=args.search_api or search_api_for(site),
        )
    return batch, f"Jira {site}", site.split(".")[0]


def _hours(value: str | None, option: str, default: str) -> Decimal:
    try:
        hours = Decimal(value or default)
    except InvalidOperation:
        raise CommandError(f"{option} must be a number of hours, got {value!r}") from None
    if not hours.is_finite() or hours <= 0:
        raise CommandError(f"{option} must be more than 0 hours, got {value!r}")
    return hours


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _summary(report: TrackerReport, source: str, slug: str) -> str:
    def part(counts: dict[str, int]) -> str:
        return ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "nothing"

    verb = ("would create", "would update") if report.dry_run else ("created", "updated")
    lines = [
        f"{source} into {slug}: {report.pages} pages fetched"
        + (" (dry run: nothing written)" if report.dry_run else ""),
        f"  {verb[0]}: {part(report.created)}",
        f"  {verb[1]}: {part(report.updated)}",
        f"  unchanged: {part(report.unchanged)}",
        f"  skipped: {part(report.skipped)}",
    ]
    return "\n".join(lines)
