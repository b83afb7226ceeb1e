"""Jira (REST search): issues a JQL query finds become work items; fix versions, projects.

External ids: ``jira:SITE/version/ID`` for projects and ``jira:SITE/KEY-1`` for items, so a second
run updates what the first created. Issues without a fix version are counted and skipped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, tzinfo
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx

from plazo.core.tracker import TrackerBatch, TrackerItem, TrackerProject, day_of, hours
from plazo.core.tracker.records import NAME_LENGTH, TITLE_LENGTH, clip
from plazo.sources.http import ApiClient

__all__ = [
    "DEFAULT_STORY_POINTS_FIELD",
    "SEARCH_PATHS",
    "EstimateSource",
    "JiraFields",
    "SearchApi",
    "fetch_jira",
    "jira_client",
    "map_issue",
    "search_api_for",
    "site_of",
]

DEFAULT_STORY_POINTS_FIELD = "customfield_10016"  # "Story point estimate" on Jira Cloud
SearchApi = Literal["classic", "cloud"]
SEARCH_PATHS: dict[SearchApi, str] = {
    "classic": "/rest/api/2/search",  # Jira Data Center and Server; retired on Jira Cloud
    "cloud": "/rest/api/3/search/jql",  # Jira Cloud's enhanced search, paged by token
}
PAGE_SIZE = 100
_SECONDS_PER_HOUR = Decimal(3600)
EstimateSource = Literal["auto", "points", "time"]
_STATUS = {"done": "done", "indeterminate": "doing"}  # status categories; "new" and others: todo


@dataclass(frozen=True)
class JiraFields:
    """Which estimate to use: story points (× ``hours_per_point``), original estimate, or either.

    ``auto`` takes story points when the issue has them, else the original estimate.
    """

    story_points_field: str = DEFAULT_STORY_POINTS_FIELD
    estimate: EstimateSource = "auto"
    hours_per_point: Decimal = Decimal(4)

    def requested(self) -> str:
        """The ``fields`` parameter: only what the mapping reads."""
        names = (
            "summary", "status", "created", "updated", "resolutiondate", "timeoriginalestimate",
            "timespent", "fixVersions", "project", self.story_points_field,
        )  # fmt: skip
        return ",".join(names)

    def estimate_hours(self, fields: Mapping[str, Any]) -> Decimal | None:
        points = fields.get(self.story_points_field)
        if self.estimate != "time" and isinstance(points, int | float):
            return hours(Decimal(str(points)) * self.hours_per_point)
        seconds = fields.get("timeoriginalestimate")
        if self.estimate != "points" and isinstance(seconds, int):
            return hours(Decimal(seconds) / _SECONDS_PER_HOUR)
        return None


def search_api_for(site: str) -> SearchApi:
    """Jira Cloud sites (``*.atlassian.net``) have only the new search; others the classic one."""
    host = site.split("/", 1)[0]
    return "cloud" if host.endswith(".atlassian.net") else "classic"


def site_of(url: str) -> str:
    """The host of a Jira URL (``acme.atlassian.net``), which qualifies its external ids."""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    if not parts.hostname:
        raise ValueError(f"{url!r} is not a Jira address such as https://acme.atlassian.net")
    return parts.hostname + (parts.path.rstrip("/") if parts.path not in ("", "/") else "")


def jira_client(url: str, *, user: str | None, token: str | None, **options: Any) -> ApiClient:
    """An :class:`ApiClient` for Jira: basic auth with ``user`` and an API token, else a bearer
    token (a Data Center personal access token), else anonymous."""
    headers = {"Accept": "application/json"}
    auth: httpx.Auth | tuple[str, str] | None = None
    if user and token:
        auth = (user, token)
    elif token:
        headers["Authorization"] = f"Bearer {token}"
    base = url if "://" in url else f"https://{url}"
    return ApiClient("Jira", base, headers=headers, auth=auth, **options)


def fetch_jira(
    client: ApiClient,
    *,
    jql: str,
    site: str,
    fields: JiraFields,
    zone: tzinfo,
    search: SearchApi = "classic",
) -> TrackerBatch:
    """Every issue ``jql`` finds, page by page, mapped to items under their fix versions."""
    batch = TrackerBatch()
    versions: dict[str, tuple[dict[str, Any], list[TrackerItem]]] = {}
    for issue in _issues(client, jql, fields, search, batch):
        fix_versions = issue["fields"].get("fixVersions") or []
        if not fix_versions:
            batch.skipped["issues without a fix version"] += 1
            continue
        version = fix_versions[0]  # an issue in several versions belongs to the first listed
        external_id = f"jira:{site}/version/{version['id']}"
        project = issue["fields"].get("project") or {}
        key = project.get("key") or issue["key"].rsplit("-", 1)[0]
        _, items = versions.setdefault(external_id, ({**version, "project_key": key}, []))
        items.append(map_issue(issue, external_id, site, fields, zone))
    for external_id, (version, items) in versions.items():
        batch.projects.append(_project(version, external_id, items))
        batch.items.extend(items)
    client.pacing.say(f"Jira: {len(batch.items)} issues in {len(batch.projects)} fix versions")
    return batch


def map_issue(
    issue: Mapping[str, Any], project_external_id: str, site: str, fields: JiraFields, zone: tzinfo
) -> TrackerItem:
    """An issue as a work item: done on its resolution date, time spent as actual hours."""
    values = issue["fields"]
    category = ((values.get("status") or {}).get("statusCategory") or {}).get("key", "new")
    status = _STATUS.get(category, "todo")
    added_on = day_of(values.get("created"), zone)
    if added_on is None:
        raise ValueError(f"issue {issue['key']} has no created date")
    completed_on = None
    if status == "done":
        completed_on = day_of(values.get("resolutiondate") or values.get("updated"), zone)
    spent = values.get("timespent")
    return TrackerItem(
        external_id=f"jira:{site}/{issue['key']}",
        project_external_id=project_external_id,
        title=clip(values.get("summary") or "", TITLE_LENGTH) or issue["key"],
        status=status if status != "done" or completed_on else "doing",
        added_on=added_on,
        estimate_hours=fields.estimate_hours(values),
        actual_hours=hours(Decimal(spent) / _SECONDS_PER_HOUR) if isinstance(spent, int) else None,
        completed_on=completed_on,
    )


def _project(
    version: Mapping[str, Any], external_id: str, items: list[TrackerItem]
) -> TrackerProject:
    """A fix version as a project: release date promised; released means delivered."""
    release_on = _date(version.get("releaseDate"))
    start_on = _date(version.get("startDate")) or min(item.added_on for item in items)
    delivered_on = None
    if version.get("released"):
        finished = [item.completed_on for item in items if item.completed_on]
        delivered_on = release_on or (max(finished) if finished else None)
    return TrackerProject(
        external_id=external_id,
        name=clip(f"{version['project_key']}: {version['name']}", NAME_LENGTH),
        start_on=start_on,
        promised_on=release_on,
        delivered_on=delivered_on,
    )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _issues(
    client: ApiClient, jql: str, fields: JiraFields, search: SearchApi, batch: TrackerBatch
) -> Iterator[dict[str, Any]]:
    """Page through the search: by ``startAt`` until ``total`` (classic), or by ``nextPageToken``
    until ``isLast`` (cloud). An empty page ends either."""
    params: dict[str, Any] = {"jql": jql, "maxResults": PAGE_SIZE, "fields": fields.requested()}
    seen = 0
    while True:
        if search == "classic":
            params["startAt"] = seen
        page = client.get(SEARCH_PATHS[search], params=params).json()
        batch.pages += 1
        issues = page.get("issues") or []
        yield from issues
        seen += len(issues)
        total = page.get("total", "?") if search == "classic" else "?"
        client.pacing.say(f"Jira: page {batch.pages}, {seen} of {total} issues")
        if not issues:
            return
        if search == "classic" and seen >= int(page.get("total", 0)):
            return
        if search == "cloud":
            if page.get("isLast", True) or not page.get("nextPageToken"):
                return
            params["nextPageToken"] = page["nextPageToken"]
