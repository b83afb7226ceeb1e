"""``plazo forecast --all``: one project that cannot be forecast stops only itself; each failure
is named on stderr and the exit code says that not every project was forecast."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from plazo.cli import main
from plazo.store.models import Client, Forecast, Organisation, Project
from tests.app.factories import make_client, make_item, make_org, make_project

pytestmark = pytest.mark.django_db


def _projects(org: Organisation, count: int) -> list[Project]:
    today = timezone.now().date()
    projects = []
    for n in range(count):
        client = make_client(org, name=f"{org.slug} client {n}", time_zone="UTC")
        project = make_project(
            org, client, name=f"{org.slug} project {n}", start_on=today - timedelta(days=7)
        )
        Project.objects.filter(pk=project.pk).update(promised_on=today + timedelta(days=90))
        make_item(project, estimate_hours=Decimal("6"))
        projects.append(project)
    return projects


def test_a_poisoned_project_among_several_stops_only_itself(
    capsys: pytest.CaptureFixture[str],
) -> None:
    alpha = _projects(make_org(name="Alpha", slug="alpha"), 4)
    beta = _projects(make_org(name="Beta", slug="beta"), 3)
    # Stored before validation at the door existed: a holiday calendar and a time zone that do
    # not exist. The first is early in the first organisation, the second in the next one.
    Project.objects.filter(pk=alpha[1].pk).update(country="ZZ")
    Client.objects.filter(pk=beta[0].client_id).update(time_zone="Mars/Olympus_Mons")
    poisoned = {alpha[1].pk, beta[0].pk}

    code = main(["forecast", "--all", "--json"])

    out, err = capsys.readouterr()
    assert code == 1
    forecast = set(Forecast.objects.values_list("project_id", flat=True))
    assert forecast == {p.pk for p in alpha + beta} - poisoned
    rows = json.loads(out)
    assert sorted(row["project"] for row in rows) == sorted(
        p.name for p in alpha + beta if p.pk not in poisoned
    )
    failures = [line for line in err.splitlines() if line.startswith("plazo: project ")]
    assert len(failures) == 2, err
    assert "'alpha project 1'" in failures[0]
    assert "organisation alpha" in failures[0]
    assert "country 'ZZ'" in failures[0]
    assert "'beta project 0'" in failures[1]
    assert "organisation beta" in failures[1]
    assert "Mars/Olympus_Mons" in failures[1]
    assert "2 of 7 active projects could not be forecast" in err


def test_every_project_forecast_is_exit_0_and_a_table(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    projects = _projects(make_org(name="Alpha", slug="alpha"), 2)

    assert main(["forecast", "--all"]) == 0

    out, err = capsys.readouterr()
    assert all(p.name in out for p in projects)
    assert "could not be forecast" not in err
    assert Forecast.objects.count() == 2
