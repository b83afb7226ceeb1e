"""Jira search results, served from recorded pages by a loopback server, into plazo."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from plazo.sources import RequestRejected
from plazo.sources.jira import (
    EstimateSource,
    JiraFields,
    fetch_jira,
    jira_client,
    search_api_for,
)
from plazo.store.models import Commitment, Organisation, Project, WorkItem
from plazo.store.services.importing.tracker import TrackerReport, import_tracker
from tests.app.factories import NOW, make_org
from tests.app.tracker_helpers import ZONE, FakeClock
from tests.recorded_api import Answer, RecordedApi

pytestmark = pytest.mark.django_db

SEARCH = "/rest/api/2/search"
SITE = "acme.atlassian.net"
JQL = "project = ABC ORDER BY key"


@pytest.fixture
def api() -> Iterator[RecordedApi]:
    recorded = RecordedApi()
    recorded.add(SEARCH, Answer(file="jira/search-1.json"), startAt="0")
    recorded.add(SEARCH, Answer(file="jira/search-2.json"), startAt="3")
    with recorded.running():
        yield recorded


def sync(
    org: Organisation,
    api: RecordedApi,
    *,
    clock: FakeClock | None = None,
    estimate: EstimateSource = "auto",
    user: str | None = "ana@acme.example",
    dry_run: bool = False,
) -> TrackerReport:
    """Fetch and import as ``plazo import jira`` does, with a clock that does not sleep."""
    clock = clock or FakeClock()
    fields = JiraFields(estimate=estimate, hours_per_point=Decimal(4))
    with jira_client(api.base, user=user, token="jira-token", pacing=clock.pacing()) as client:
        batch = fetch_jira(client, jql=JQL, site=SITE, fields=fields, zone=ZONE)
    return import_tracker(
        org, batch, client_name="acme", source=f"Jira {SITE}", now=NOW, dry_run=dry_run
    )


def items(org: Organisation) -> dict[str, tuple[object, ...]]:
    return {
        item.external_id.removeprefix(f"jira:{SITE}/"): (
            item.project.name,
            item.status,
            item.estimate_hours,
            item.actual_hours,
            item.completed_on,
        )
        for item in WorkItem.objects.for_organisation(org).select_related("project")
    }


def test_pages_follow_start_at_until_the_total(api: RecordedApi) -> None:
    report = sync(make_org(), api)
    assert [s.query["startAt"] for s in api.seen] == ["0", "3"]
    first = api.seen[0].query
    assert (first["jql"], first["maxResults"]) == (JQL, "100")
    assert set(first["fields"].split(",")) >= {
        "summary", "status", "resolutiondate", "timeoriginalestimate", "timespent",
        "fixVersions", "customfield_10016",
    }  # fmt: skip
    assert report.pages == 2
    assert report.skipped == {"issues without a fix version": 1}


def test_story_points_come_first_then_the_original_estimate(api: RecordedApi) -> None:
    org = make_org()
    sync(org, api)
    assert items(org) == {
        "ABC-101": ("ABC: 2.0", "doing", Decimal("20.00"), Decimal("10.00"), None),
        "ABC-102": ("ABC: 2.0", "done", Decimal("8.00"), Decimal("10.00"), date(2026, 11, 19)),
        "ABC-104": ("ABC: 1.5", "done", Decimal("12.00"), Decimal("14.00"), date(2026, 11, 12)),
        "ABC-105": ("ABC: 2.0", "todo", None, None, None),
    }


def test_the_original_estimate_alone_when_asked(api: RecordedApi) -> None:
    org = make_org()
    sync(org, api, estimate="time")
    assert {key: values[2] for key, values in items(org).items()} == {
        "ABC-101": Decimal("16.00"),  # 57,600 s, not 5 points
        "ABC-102": Decimal("8.00"),
        "ABC-104": None,  # points only
        "ABC-105": None,
    }


def test_fix_versions_become_projects_released_ones_delivered(api: RecordedApi) -> None:
    org = make_org()
    sync(org, api)
    projects = {
        p.external_id: (p.name, p.start_on, p.promised_on, p.delivered_on, p.client.name)
        for p in Project.objects.for_organisation(org).select_related("client")
    }
    assert projects == {
        f"jira:{SITE}/version/10001": (
            "ABC: 2.0", date(2026, 11, 2), date(2027, 1, 29), None, "acme"
        ),
        f"jira:{SITE}/version/10000": (
            "ABC: 1.5", date(2026, 10, 20), date(2026, 11, 13), date(2026, 11, 13), "acme"
        ),
    }  # fmt: skip
    kept = Commitment.objects.get(project__external_id=f"jira:{SITE}/version/10000")
    assert (kept.promised_on, kept.outcome) == (date(2026, 11, 13), "kept")


def test_a_second_run_updates_instead_of_duplicating(api: RecordedApi) -> None:
    org = make_org()
    sync(org, api)
    report = sync(org, api)
    assert report.created == {}
    assert report.unchanged == {"projects": 2, "work items": 4}
    assert WorkItem.objects.for_organisation(org).count() == 4


def test_basic_auth_with_a_user_and_a_bearer_token_without(api: RecordedApi) -> None:
    sync(make_org(), api)
    expected = base64.b64encode(b"ana@acme.example:jira-token").decode()
    assert api.seen[0].headers["authorization"] == f"Basic {expected}"
    sync(make_org(), api, user=None)
    assert api.seen[-1].headers["authorization"] == "Bearer jira-token"


def test_a_429_waits_what_retry_after_says(api: RecordedApi) -> None:
    clock = FakeClock()
    api.routes[1].answers.appendleft(Answer(429, text="", headers={"Retry-After": "5"}))
    org = make_org()
    sync(org, api, clock=clock)
    assert clock.slept == [5]
    assert "Jira rate limit reached; waiting 5 s until 09:00:05 UTC…" in clock.said
    assert WorkItem.objects.for_organisation(org).count() == 4


def test_a_bad_query_is_rejected_with_jiras_own_words(api: RecordedApi) -> None:
    api.routes[0].answers.appendleft(Answer(400, file="jira/bad-jql.json"))
    with pytest.raises(RequestRejected, match=r"\(400: Error in the JQL Query: Expecting operator"):
        sync(make_org(), api)


def test_a_dry_run_writes_nothing(api: RecordedApi) -> None:
    org = make_org()
    report = sync(org, api, dry_run=True)
    assert report.created["work items"] == 4
    assert not Project.objects.for_organisation(org).exists()


def test_jira_clouds_search_pages_by_token(api: RecordedApi) -> None:
    cloud = "/rest/api/3/search/jql"
    token = "Ch0jU3RyaW5nJlFVSkQmSldiR2xrWlRFd01UQXpKV2s9"
    api.add(cloud, Answer(file="jira/search-jql-1.json"))
    api.add(cloud, Answer(file="jira/search-jql-2.json"), nextPageToken=token)
    assert search_api_for(SITE) == "cloud"
    assert search_api_for("jira.example.com/jira") == "classic"
    with jira_client(api.base, user=None, token="t", pacing=FakeClock().pacing()) as client:
        batch = fetch_jira(
            client, jql=JQL, site=SITE, fields=JiraFields(), zone=ZONE, search="cloud"
        )
    assert [(s.path, s.query.get("nextPageToken")) for s in api.seen] == [
        (cloud, None),
        (cloud, token),
    ]
    assert sorted(item.external_id for item in batch.items) == [
        f"jira:{SITE}/ABC-101", f"jira:{SITE}/ABC-102", f"jira:{SITE}/ABC-104",
        f"jira:{SITE}/ABC-105",
    ]  # fmt: skip
