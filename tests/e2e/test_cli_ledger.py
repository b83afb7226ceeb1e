"""``plazo ledger`` prints the demo's promise-keeping numbers, as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.cli import run_plazo


def test_ledger_reports_the_demo_history(tmp_path: Path) -> None:
    assert run_plazo("demo", home=tmp_path).returncode == 0
    table = run_plazo("ledger", home=tmp_path)
    assert table.returncode == 0, table.stderr
    assert "On-time rate" in table.stdout
    report = json.loads(run_plazo("ledger", "--json", home=tmp_path).stdout)
    assert report["promises_kept"] == 2
    assert report["missed_without_notice"][0]["client"] == "Café Brisa"


def test_ledger_names_bad_filters(tmp_path: Path) -> None:
    assert run_plazo("demo", home=tmp_path).returncode == 0
    unknown = run_plazo("ledger", "--client", "Nobody", home=tmp_path)
    assert (unknown.returncode, "no client named 'Nobody'" in unknown.stderr) == (2, True)
    bad_date = run_plazo("ledger", "--since", "yesterday", home=tmp_path)
    assert bad_date.returncode == 2
    assert "not a date" in bad_date.stderr


# What the owner does on the review page: approve the demo's draft as it stands.
APPROVE_THE_DEMO_NOTICE = """
from django.utils import timezone
from plazo.store.models import DelayCase
from plazo.store.services.delays.cases import approve_notice
from plazo.store.services.delays.draft import draft_from_case
case = DelayCase.objects.get(state="draft")
approve_notice(case, draft_from_case(case), now=timezone.now())
"""


def test_offers_export_as_csv_for_accounting(tmp_path: Path) -> None:
    import csv
    import io

    assert run_plazo("demo", home=tmp_path).returncode == 0
    before = run_plazo("offers", home=tmp_path)
    assert before.returncode == 0, before.stderr
    assert list(csv.DictReader(io.StringIO(before.stdout))) == []  # the notice is still a draft
    approved = run_plazo("manage", "shell", "-c", APPROVE_THE_DEMO_NOTICE, home=tmp_path)
    assert approved.returncode == 0, approved.stderr
    result = run_plazo("offers", home=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows
    assert {row["project"] for row in rows} == {"Portal del inversor"}
    assert all(row["state"] == "offered" and row["currency"] == "EUR" for row in rows)


CANCEL_THEN_REOPEN = """
from datetime import timedelta
from django.utils import timezone
from plazo.store.models import Project
from plazo.store.services.work.records import update_project
project = Project.objects.get(name="Portal del inversor")
update_project(project, {"status": "cancelled"}, now=timezone.now() - timedelta(days=2))
update_project(project, {"status": "active"}, now=timezone.now())
"""


def test_ledger_lists_a_cancellation_and_the_reopening(tmp_path: Path) -> None:
    assert run_plazo("demo", home=tmp_path).returncode == 0
    changed = run_plazo("manage", "shell", "-c", CANCEL_THEN_REOPEN, home=tmp_path)
    assert changed.returncode == 0, changed.stderr
    report = json.loads(run_plazo("ledger", "--json", home=tmp_path).stdout)
    events = [(e["project"], e["event"]) for e in report["events"]]
    assert events == [
        ("Portal del inversor", "cancelled"),
        ("Portal del inversor", "reopened"),
    ]
    table = run_plazo("ledger", home=tmp_path)
    assert table.returncode == 0, table.stderr
    assert "Cancelled and taken up again" in table.stdout
    assert "project taken up again" in table.stdout
