"""GitHub (REST v3): milestones become projects, their issues work items; pull requests skipped.

External ids: ``github:OWNER/REPO/milestone/N`` for projects and ``github:OWNER/REPO#N`` for
items, so a second run updates what the first created. A milestone plazo already holds items of
is fetched incrementally: only issues updated ``since`` the last thing seen (see ``since_for``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from plazo.core.tracker import EstimateRule, TrackerBatch, TrackerItem, TrackerProject, day_of
from plazo.core.tracker.records import NAME_LENGTH, TITLE_LENGTH, clip
from plazo.sources.http import ApiClient, NotFound, SourceError

__all__ = [
    "DEFAULT_BASE_URL",
    "GitHubRepo",
    "fetch_github",
    "github_client",
    "map_issue",
    "map_milestone",
]

DEFAULT_BASE_URL = "https://api.github.com"
PER_PAGE = 100  # the most GitHub gives per page
_REPO = re.compile(r"^(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]*)?)/(?P<name>[A-Za-z0-9._-]+)$")


@dataclass(frozen=True)
class GitHubRepo:
    """``OWNER/REPO``, and the external ids of its milestones and issues."""

    owner: str
    name: str

    @classmethod
    def parse(cls, text: str) -> GitHubRepo:
        """``OWNER/REPO`` as typed; a ValueError says what shape is expected."""
        found = _REPO.match(text.strip())
        if found is None:
            raise ValueError(f"{text!r} is not OWNER/REPO (for example octo-org/website)")
        return cls(found["owner"], found["name"])

    def __str__(self) -> str:
        return f"{self.owner}/{self.name}"

    def milestone_id(self, number: int) -> str:
        return f"github:{self}/milestone/{number}"

    def issue_id(self, number: int) -> str:
        return f"github:{self}#{number}"


def github_client(token: str | None, base_url: str = DEFAULT_BASE_URL, **options: Any) -> ApiClient:
    """An :class:`ApiClient` that speaks GitHub's REST API (token optional for public repos)."""
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return ApiClient("GitHub", base_url, headers=headers, **options)


def fetch_github(
    client: ApiClient,
    repo: GitHubRepo,
    *,
    rule: EstimateRule,
    zone: tzinfo,
    milestone: str | None = None,
    since_for: Callable[[str], datetime | None] = lambda external_id: None,
) -> TrackerBatch:
    """Fetch the repository's milestones (or the one named) and their issues.

    1. List every milestone (open and closed); keep the one ``milestone`` names, by number or title.
    2. For each, list its issues, passing ``since`` when ``since_for(project id)`` gives a time.
    3. Map milestones and issues to tracker records; pull requests are counted and skipped.
    """
    batch = TrackerBatch()
    base = f"/repos/{repo}"
    try:
        milestones = [
            m
            for page in _pages(client, f"{base}/milestones", {"state": "all"}, batch)
            for m in page
        ]
    except NotFound:
        raise NotFound(
            f"GitHub has no repository {repo}, or the token cannot see it; "
            "check the name and that the token may read the repository"
        ) from None
    client.pacing.say(f"GitHub: {len(milestones)} milestones in {repo}")
    for found in _chosen(milestones, milestone):
        project = map_milestone(found, repo, zone)
        batch.projects.append(project)
        params: dict[str, Any] = {"milestone": found["number"], "state": "all"}
        since = since_for(project.external_id)
        if since is not None:
            params["since"] = since.strftime("%Y-%m-%dT%H:%M:%SZ")
        count = 0
        for page in _pages(client, f"{base}/issues", params, batch):
            for issue in page:
                if "pull_request" in issue:
                    batch.skipped["pull requests"] += 1
                    continue
                batch.items.append(map_issue(issue, repo, project.external_id, rule, zone))
                count += 1
        changed = f"updated since {params['since']}" if since else "in all"
        client.pacing.say(f"GitHub: milestone {found['title']!r}: {count} issues {changed}")
    return batch


def map_milestone(milestone: Mapping[str, Any], repo: GitHubRepo, zone: tzinfo) -> TrackerProject:
    """A milestone as a project: due date promised, closing date delivered."""
    updated_at = milestone.get("updated_at")
    return TrackerProject(
        external_id=repo.milestone_id(milestone["number"]),
        name=clip(f"{repo.name}: {milestone['title']}", NAME_LENGTH),
        start_on=day_of(milestone.get("created_at"), zone),
        promised_on=day_of(milestone.get("due_on"), zone),
        promise_made_at=datetime.fromisoformat(updated_at) if updated_at else None,
        delivered_on=(
            day_of(milestone.get("closed_at"), zone) if milestone.get("state") == "closed" else None
        ),
    )


def map_issue(
    issue: Mapping[str, Any],
    repo: GitHubRepo,
    project_external_id: str,
    rule: EstimateRule,
    zone: tzinfo,
) -> TrackerItem:
    """An issue as a work item.

    Closed as completed is done on its closing day; closed as not planned left the scope that
    day; an open issue with someone assigned is being done. The estimate comes from the labels.
    """
    closed_on = day_of(issue.get("closed_at"), zone)
    dropped = issue.get("state") == "closed" and issue.get("state_reason") == "not_planned"
    done = issue.get("state") == "closed" and not dropped and closed_on is not None
    labels = [label if isinstance(label, str) else label["name"] for label in issue["labels"]]
    added_on = day_of(issue["created_at"], zone)
    if added_on is None:
        raise ValueError(f"issue #{issue['number']} has no created_at")
    return TrackerItem(
        external_id=repo.issue_id(issue["number"]),
        project_external_id=project_external_id,
        title=clip(issue["title"], TITLE_LENGTH) or f"#{issue['number']}",
        status="done" if done else "doing" if issue.get("assignees") else "todo",
        added_on=added_on,
        estimate_hours=rule.hours_from_labels(labels),
        completed_on=closed_on if done else None,
        removed_on=closed_on if dropped else None,
    )


def _chosen(milestones: list[dict[str, Any]], wanted: str | None) -> list[dict[str, Any]]:
    if wanted is None:
        return milestones
    chosen = [m for m in milestones if str(m["number"]) == wanted or m["title"] == wanted]
    if not chosen:
        titles = ", ".join(repr(m["title"]) for m in milestones) or "none"
        raise SourceError(f"no milestone {wanted!r} (by number or title); there are: {titles}")
    return chosen


def _pages(
    client: ApiClient, url: str, params: dict[str, Any], batch: TrackerBatch
) -> Iterator[list[dict[str, Any]]]:
    """Each page of a list, following ``Link: <…>; rel="next"`` until there is none."""
    response = client.get(url, params={**params, "per_page": PER_PAGE})
    while True:
        batch.pages += 1
        yield response.json()
        following = response.links.get("next", {}).get("url")
        if not following:
            return
        response = client.get(following)
