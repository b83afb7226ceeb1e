"""GitHub milestones and issues, served from recorded pages by a loopback server, into plazo."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from plazo.core.tracker import EstimateRule
from plazo.sources import BadCredentials, NotFound, RequestRejected, SourceError, Unavailable
from plazo.sources.github import GitHubRepo, fetch_github, github_client
from plazo.store.models import Client, Commitment, Organisation, Project, WorkItem
from plazo.store.services.importing import ImportRejected
from plazo.store.services.importing.tracker import TrackerReport, import_tracker, sync_since
from tests.app.factories import NOW, make_org
from tests.app.tracker_helpers import ZONE, FakeClock
from tests.recorded_api import Answer, RecordedApi

pytestmark = pytest.mark.django_db

REPO = GitHubRepo("octo-org", "website")
MILESTONES = "/repos/octo-org/website/milestones"
ISSUES = "/repos/octo-org/website/issues"
PAGE_2 = "/repositories/4711/issues"
NEXT = (
    '<{base}/repositories/4711/issues?milestone=4&state=all&per_page=100&page=2>; rel="next", '
    '<{base}/repositories/4711/issues?milestone=4&state=all&per_page=100&page=2>; rel="last"'
)


@pytest.fixture
def api() -> Iterator[RecordedApi]:
    recorded = RecordedApi()
    recorded.add(MILESTONES, Answer(file="github/milestones.json"))
    recorded.add(
        ISSUES, Answer(file="github/issues-launch-1.json", headers={"Link": NEXT}), milestone="4"
    )
    recorded.add(PAGE_2, Answer(file="github/issues-launch-2.json"), page="2")
    recorded.add(ISSUES, Answer(file="github/issues-beta.json"), milestone="3")
    with recorded.running():
        yield recorded


def sync(
    org: Organisation,
    api: RecordedApi,
    *,
    clock: FakeClock | None = None,
    dry_run: bool = False,
    milestone: str | None = None,
) -> TrackerReport:
    """Fetch and import as ``plazo import github`` does, with a clock that does not sleep."""
    clock = clock or FakeClock()
    with github_client("ghp_test", api.base, pacing=clock.pacing()) as client:
        batch = fetch_github(
            client,
            REPO,
            rule=EstimateRule(),
            zone=ZONE,
            milestone=milestone,
            since_for=lambda external_id: sync_since(org, [external_id]).get(external_id),
        )
    return import_tracker(
        org,
        batch,
        client_name="octo-org",
        source="GitHub octo-org/website",
        now=NOW,
        dry_run=dry_run,
    )


def items(org: Organisation) -> dict[str, tuple[object, ...]]:
    return {
        item.external_id: (
            item.project.name,
            item.title,
            item.status,
            item.estimate_hours,
            item.added_on,
            item.completed_on,
            item.removed_on,
        )
        for item in WorkItem.objects.for_organisation(org).select_related("project")
    }


def test_milestones_become_projects_with_promised_dates_in_the_ledger(api: RecordedApi) -> None:
    org = make_org()
    sync(org, api)
    launch = Project.objects.get(external_id="github:octo-org/website/milestone/4")
    beta = Project.objects.get(external_id="github:octo-org/website/milestone/3")
    assert (launch.name, launch.start_on, launch.promised_on, launch.status) == (
        "website: Launch",
        date(2026, 11, 2),
        date(2027, 1, 15),
        "active",
    )
    assert (beta.promised_on, beta.delivered_on, beta.status) == (
        date(2026, 11, 20),
        date(2026, 11, 18),
        "delivered",
    )
    ledger = Commitment.objects.filter(project__in=[launch, beta]).order_by("promised_on")
    assert [(c.project.name, c.promised_on, c.is_current, c.outcome, c.reason) for c in ledger] == [
        (
            "website: Beta",
            date(2026, 11, 20),
            True,
            "kept",
            "Imported from GitHub octo-org/website.",
        ),
        (
            "website: Launch",
            date(2027, 1, 15),
            True,
            "pending",
            "Imported from GitHub octo-org/website.",
        ),
    ]
    assert {p.client.name for p in (launch, beta)} == {"octo-org"}


def test_issues_become_items_estimated_from_labels_closed_ones_done(api: RecordedApi) -> None:
    org = make_org()
    report = sync(org, api)
    launch, beta = "website: Launch", "website: Beta"
    nov = lambda day: date(2026, 11, day)  # noqa: E731
    assert items(org) == {
        "github:octo-org/website#12": (
            launch, "Home page layout", "done", Decimal("16.00"), nov(3), nov(13), None
        ),
        "github:octo-org/website#13": (
            launch, "Contact form", "doing", Decimal("20.00"), nov(4), None, None
        ),
        "github:octo-org/website#15": (
            launch, "Launch checklist", "todo", Decimal("12.00"), nov(16), None, None
        ),
        "github:octo-org/website#16": (launch, "Analytics", "todo", None, nov(17), None, None),
        "github:octo-org/website#7": (
            beta, "Staging server", "done", Decimal("6.00"), date(2026, 10, 2), date(2026, 10, 20),
            None,
        ),
        "github:octo-org/website#8": (
            beta, "Print stylesheet", "todo", Decimal("8.00"), date(2026, 10, 5), None, nov(10)
        ),
    }  # fmt: skip
    assert report.skipped == {"pull requests": 1}
    assert report.created == {"clients": 1, "deliveries": 1, "projects": 2, "promises": 2,
                              "work items": 6}  # fmt: skip


def test_the_second_page_is_fetched_from_the_link_header(api: RecordedApi) -> None:
    report = sync(make_org(), api)
    assert [(s.path, s.query.get("milestone"), s.query.get("page")) for s in api.seen] == [
        (MILESTONES, None, None),
        (ISSUES, "4", None),
        (PAGE_2, "4", "2"),
        (ISSUES, "3", None),
    ]
    assert api.seen[1].query == {"milestone": "4", "state": "all", "per_page": "100"}
    assert api.seen[0].headers["authorization"] == "Bearer ghp_test"
    assert report.pages == 4


def test_the_primary_rate_limit_is_waited_out_until_the_reset(api: RecordedApi) -> None:
    clock = FakeClock()
    reset = int(clock.now) + 42
    api.routes[0].answers.appendleft(
        Answer(
            403,
            file="github/rate-limited.json",
            headers={
                "x-ratelimit-limit": "5000",
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": str(reset),
                "x-ratelimit-resource": "core",
            },
        )
    )
    sync(make_org(), api, clock=clock)
    assert clock.slept == [43]  # the reset second itself, and one more
    assert "GitHub rate limit reached; waiting 43 s until 09:00:43 UTC…" in clock.said
    assert [s.path for s in api.seen[:2]] == [MILESTONES, MILESTONES]


def test_the_secondary_rate_limit_waits_what_retry_after_says(api: RecordedApi) -> None:
    clock = FakeClock()
    api.routes[3].answers.appendleft(
        Answer(403, file="github/secondary-rate-limited.json", headers={"retry-after": "30"})
    )
    org = make_org()
    sync(org, api, clock=clock)
    assert clock.slept == [30]
    assert "GitHub secondary rate limit reached; waiting 30 s until 09:00:30 UTC…" in clock.said
    assert WorkItem.objects.for_organisation(org).count() == 6


def test_a_rate_limit_longer_than_the_allowed_wait_gives_up_without_waiting(
    api: RecordedApi,
) -> None:
    clock = FakeClock()
    api.routes[0].answers.appendleft(
        Answer(429, text="{}", headers={"x-ratelimit-remaining": "0",
                                        "x-ratelimit-reset": str(int(clock.now) + 3600)})
    )  # fmt: skip
    with (
        pytest.raises(Unavailable, match=r"lifts in 3601 s \(at 10:00:01 UTC\), longer than"),
        github_client("t", api.base, pacing=clock.pacing(max_wait_seconds=600)) as client,
    ):
        fetch_github(client, REPO, rule=EstimateRule(), zone=ZONE)
    assert clock.slept == []


def test_server_errors_are_retried_with_backoff(api: RecordedApi) -> None:
    clock = FakeClock()
    api.routes[0].answers.appendleft(Answer(502, text="Bad gateway"))
    api.routes[0].answers.appendleft(Answer(503, text="{}"))
    sync(make_org(), api, clock=clock)
    assert clock.slept == [1, 2]
    assert "GitHub: answer 502; retrying in 2 s…" in clock.said


def test_a_refused_token_is_a_clear_error(api: RecordedApi) -> None:
    api.routes[0].answers.appendleft(Answer(401, file="github/bad-credentials.json"))
    with (
        pytest.raises(BadCredentials, match=r"^GitHub refused the credentials \(401: Bad cre"),
        github_client("wrong", api.base, pacing=FakeClock().pacing()) as client,
    ):
        fetch_github(client, REPO, rule=EstimateRule(), zone=ZONE)


def test_an_unknown_repository_is_a_clear_error(api: RecordedApi) -> None:
    with (
        pytest.raises(NotFound, match="GitHub has no repository octo-org/nothing"),
        github_client("t", api.base, pacing=FakeClock().pacing()) as client,
    ):
        fetch_github(client, GitHubRepo("octo-org", "nothing"), rule=EstimateRule(), zone=ZONE)


def test_one_milestone_by_title_or_number(api: RecordedApi) -> None:
    org = make_org()
    sync(org, api, milestone="Beta")
    assert list(Project.objects.for_organisation(org).values_list("name", flat=True)) == [
        "website: Beta"
    ]
    sync(org, api, milestone="4")
    assert Project.objects.for_organisation(org).count() == 2
    with pytest.raises(SourceError, match=r"no milestone 'Gamma'.*there are: 'Launch', 'Beta'"):
        sync(org, api, milestone="Gamma")


def test_a_second_run_fetches_only_what_changed_and_updates_instead_of_duplicating(
    api: RecordedApi,
) -> None:
    org = make_org()
    sync(org, api)
    api.add(ISSUES, Answer(file="github/issues-launch-since.json"), milestone="4",
            since="2026-11-16T00:00:00Z")  # fmt: skip
    first = len(api.seen)
    report = sync(org, api)
    again = [(s.query.get("milestone"), s.query.get("since")) for s in api.seen[first:]]
    # Launch's newest stored event is 17 Nov (#16 added), Beta's 10 Nov (#8 dropped): a day before.
    assert again == [(None, None), ("4", "2026-11-16T00:00:00Z"), ("3", "2026-11-09T00:00:00Z")]
    assert report.created == {"work items": 1}
    assert report.updated == {"work items": 1}
    assert report.unchanged == {"projects": 2, "work items": 2}
    stored = items(org)
    assert len(stored) == 7
    assert stored["github:octo-org/website#13"][1:] == (
        "Contact form (with spam filter)", "done", Decimal("20.00"), date(2026, 11, 4),
        date(2026, 11, 26), None,
    )  # fmt: skip
    assert stored["github:octo-org/website#17"][2:4] == ("todo", Decimal("3.00"))
    assert Commitment.objects.filter(project__organisation=org).count() == 2  # no new promises


def test_a_dry_run_reports_and_writes_nothing(api: RecordedApi) -> None:
    org = make_org()
    report = sync(org, api, dry_run=True)
    assert report.dry_run
    assert report.created["work items"] == 6
    assert Client.objects.for_organisation(org).count() == 0
    assert Project.objects.for_organisation(org).count() == 0
    assert Commitment.objects.filter(organisation=org).count() == 0


def test_each_touched_project_is_reforecast_once_after_commit(
    api: RecordedApi, django_capture_on_commit_callbacks: pytest.FixtureRequest
) -> None:
    org = make_org()
    clock = FakeClock()
    with github_client("t", api.base, pacing=clock.pacing()) as client:
        batch = fetch_github(client, REPO, rule=EstimateRule(), zone=ZONE)
    calls: list[int] = []
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        report = import_tracker(
            org, batch, client_name="c", source="s", now=NOW, reforecast=calls.append
        )
    assert calls == sorted(Project.objects.for_organisation(org).values_list("pk", flat=True))
    assert report.touched_projects == tuple(calls)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        import_tracker(org, batch, client_name="c", source="s", now=NOW, reforecast=calls.append)
    assert len(calls) == 2  # nothing changed the second time: no re-forecast


def test_a_milestone_whose_name_another_project_holds_is_rejected_whole(
    api: RecordedApi,
) -> None:
    org = make_org()
    sync(org, api, milestone="Beta")
    Project.objects.filter(external_id="github:octo-org/website/milestone/3").update(
        name="website: Launch", external_id="crm-9"
    )
    with pytest.raises(ImportRejected) as rejected:
        sync(org, api)
    assert [problem.message for problem in rejected.value.problems] == [
        "github:octo-org/website/milestone/4: name: 'website: Launch' is the project 'crm-9'"
    ]
    assert WorkItem.objects.for_organisation(org).count() == 2  # only Beta's, from the first run


def test_a_next_link_to_another_site_is_refused(api: RecordedApi) -> None:
    api.routes[1].answers[0] = Answer(
        file="github/issues-launch-1.json",
        headers={"Link": '<https://elsewhere.example/steal?page=2>; rel="next"'},
    )
    with pytest.raises(RequestRejected, match=r"another site \(elsewhere.example\); refused"):
        sync(make_org(), api)
    assert all(seen.path != "/steal" for seen in api.seen)


def test_a_tracker_that_does_not_answer_is_retried_then_given_up() -> None:
    with socket.socket() as closed:  # a port nobody listens on: connections are refused
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    clock = FakeClock()
    with (
        pytest.raises(Unavailable, match=r"did not answer properly after 4 tries \(ConnectError"),
        github_client("t", f"http://127.0.0.1:{port}", pacing=clock.pacing()) as client,
    ):
        fetch_github(client, REPO, rule=EstimateRule(), zone=ZONE)
    assert clock.slept == [1, 2, 4]


def test_an_issue_moved_to_another_milestone_reforecasts_both_projects(
    api: RecordedApi, django_capture_on_commit_callbacks: pytest.FixtureRequest
) -> None:
    org = make_org()
    with github_client("t", api.base, pacing=FakeClock().pacing()) as client:
        batch = fetch_github(client, REPO, rule=EstimateRule(), zone=ZONE)
    import_tracker(org, batch, client_name="c", source="s", now=NOW)
    beta = REPO.milestone_id(3)
    batch.items = [
        replace(item, project_external_id=beta) if item.external_id.endswith("#15") else item
        for item in batch.items
    ]
    calls: list[int] = []
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        import_tracker(org, batch, client_name="c", source="s", now=NOW, reforecast=calls.append)
    projects = Project.objects.for_organisation(org)
    assert calls == sorted(projects.values_list("pk", flat=True))
    assert (
        WorkItem.objects.get(external_id="github:octo-org/website#15").project.external_id == beta
    )
