"""``plazo import github|jira`` end to end, against recorded pages on a loopback server."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.cli import run_plazo
from tests.recorded_api import Answer, RecordedApi

MILESTONES = "/repos/octo-org/website/milestones"
ISSUES = "/repos/octo-org/website/issues"
NEXT = '<{base}/repositories/4711/issues?milestone=4&state=all&per_page=100&page=2>; rel="next"'


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("home")
    demo = run_plazo("demo", home=path)
    assert demo.returncode == 0, demo.stderr
    return path


@pytest.fixture
def github() -> Iterator[RecordedApi]:
    api = RecordedApi()
    api.add(MILESTONES, Answer(file="github/milestones.json"))
    api.add(
        ISSUES, Answer(file="github/issues-launch-1.json", headers={"Link": NEXT}), milestone="4"
    )
    api.add("/repositories/4711/issues", Answer(file="github/issues-launch-2.json"), page="2")
    api.add(ISSUES, Answer(file="github/issues-beta.json"), milestone="3")
    with api.running():
        yield api


@pytest.fixture
def jira() -> Iterator[RecordedApi]:
    api = RecordedApi()
    api.add("/rest/api/2/search", Answer(file="jira/search-1.json"), startAt="0")
    api.add("/rest/api/2/search", Answer(file="jira/search-2.json"), startAt="3")
    with api.running():
        yield api


def test_github_imports_then_a_second_run_asks_only_for_changes(
    home: Path, github: RecordedApi
) -> None:
    dry = run_plazo(
        "import", "github", "octo-org/website", "--base-url", github.base, "--dry-run", home=home
    )
    assert dry.returncode == 0, dry.stderr
    assert "dry run: nothing written" in dry.stdout
    assert (
        "would create: 1 clients, 1 deliveries, 2 projects, 2 promises, 6 work items" in dry.stdout
    )

    first = run_plazo(
        "import", "github", "octo-org/website", "--base-url", github.base, "--client", "Octo",
        home=home, env={"GITHUB_TOKEN": "ghp_e2e"},
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith("GitHub octo-org/website into ")
    assert lines[0].endswith(": 4 pages fetched")
    assert lines[1:] == [
        "  created: 1 clients, 1 deliveries, 2 projects, 2 promises, 6 work items",
        "  updated: nothing",
        "  unchanged: nothing",
        "  skipped: 1 pull requests",
    ]
    assert "GitHub: milestone 'Launch': 4 issues in all" in first.stderr
    assert github.seen[-1].headers["authorization"] == "Bearer ghp_e2e"

    seen = len(github.seen)
    again = run_plazo(
        "import", "github", "octo-org/website", "--base-url", github.base, "--client", "Octo",
        home=home,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "  unchanged: 2 projects, 6 work items" in again.stdout
    assert {s.query.get("since") for s in github.seen[seen:] if s.path == ISSUES} == {
        "2026-11-16T00:00:00Z",
        "2026-11-09T00:00:00Z",
    }


def test_a_rate_limit_is_waited_out_and_said_on_stderr(home: Path, github: RecordedApi) -> None:
    github.routes[0].answers.appendleft(
        Answer(403, file="github/secondary-rate-limited.json", headers={"retry-after": "1"})
    )
    started = time.monotonic()
    result = run_plazo(
        "import", "github", "octo-org/website", "--base-url", github.base, "--dry-run", home=home
    )
    assert result.returncode == 0, result.stderr
    assert "GitHub secondary rate limit reached; waiting 1 s until " in result.stderr
    assert time.monotonic() - started >= 1


def test_a_long_rate_limit_exits_1_and_a_refused_token_2(home: Path, github: RecordedApi) -> None:
    github.routes[0].answers.appendleft(
        Answer(403, text="{}", headers={"x-ratelimit-remaining": "0",
                                        "x-ratelimit-reset": str(int(time.time()) + 3600)})
    )  # fmt: skip
    limited = run_plazo(
        "import", "github", "octo-org/website", "--base-url", github.base, "--max-wait", "60",
        home=home,
    )  # fmt: skip
    assert limited.returncode == 1
    assert "longer than --max-wait 60 s allows" in limited.stderr

    github.routes[0].answers.appendleft(Answer(401, file="github/bad-credentials.json"))
    refused = run_plazo(
        "import", "github", "octo-org/website", "--base-url", github.base, "--token", "nope",
        home=home,
    )  # fmt: skip
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "plazo: error: GitHub refused the credentials (401: Bad credentials)"
    )


def test_jira_imports_fix_versions_and_issues(home: Path, jira: RecordedApi) -> None:
    result = run_plazo(
        "import", "jira", "--url", jira.base, "--jql", "project = ABC",
        "--user", "ana@acme.example", home=home, env={"JIRA_TOKEN": "jira-e2e"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "  created: 1 clients, 1 deliveries, 2 projects, 2 promises, 4 work items" in (
        result.stdout
    )
    assert "  skipped: 1 issues without a fix version" in result.stdout
    assert "Jira: page 2, 5 of 5 issues" in result.stderr
    assert jira.seen[0].headers["authorization"].startswith("Basic ")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("import", "github"), "name the repository: plazo import github OWNER/REPO"),
        (("import", "github", "not-a-repo"), "is not OWNER/REPO"),
        (("import", "jira", "--url", "https://x.example"), "jira needs --url"),
        (("import", "github", "o/r", "--jql", "x"), "--jql does not apply to github imports"),
        (("import", "github", "o/r", "--kind", "items"), "--kind applies to file imports"),
        (("import", "items.csv", "--kind", "items", "--token", "t"), "--token applies to github"),
        (("import", "items.csv"), "--kind is required when importing a file"),
        (("import", "github", "o/r", "--estimate-label", "("), "not a valid regular expression"),
        (("import", "github", "o/r", "--base-url", "ftp://x"), "is not an http:// or https://"),
    ],
)
def test_usage_errors_are_one_sentence(home: Path, args: tuple[str, ...], words: str) -> None:
    result = run_plazo(*args, home=home)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
