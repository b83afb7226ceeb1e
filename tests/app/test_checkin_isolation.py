"""One project's failing check-in is recorded on that project; every other project goes on."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client as WebClient
from django.utils import timezone

from plazo.cli import main
from plazo.store.models import Client, Message, MessageKind, Organisation, Project
from plazo.store.services.checkins.weekly import due_checkins, run_weekly_checkins
from plazo.worker.due import run_due_work
from plazo.worker.tasks import checkin_batch
from tests.app.factories import (
    make_client,
    make_contact,
    make_item,
    make_org,
    make_project,
    make_user,
)
from tests.app.smtp_server import RecordingHandler

# Every test runs with the worker delivering to a real SMTP server; those that read it name it.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("mail_server")]


def _portfolio(count: int) -> list[Project]:
    """``count`` projects on time, whose check-in (today, 00:00 UTC) has come."""
    today = timezone.now().date()
    org = make_org(sender_email="studio@estudio.example", send_updates_automatically=True)
    owner = make_user(org, email="owner@estudio.example", first_name="Olga")
    projects = []
    for n in range(count):
        client = make_client(org, name=f"Client {n}", time_zone="UTC", language="es")
        make_contact(client, email=f"contact{n}@client.example")
        project = make_project(
            org,
            client,
            owner=owner,
            start_on=today - timedelta(days=14),
            checkin_weekday=today.weekday(),
            checkin_hour=0,
        )
        Project.objects.filter(pk=project.pk).update(promised_on=today + timedelta(days=300))
        make_item(project, estimate_hours=Decimal("4"))
        projects.append(Project.objects.get(pk=project.pk))
    return projects


def _client_updates(server: RecordingHandler) -> list[str]:
    return sorted(to for envelope in server.received for to in envelope.rcpt_tos if "client" in to)


def test_a_poisoned_project_among_30_does_not_stop_the_others(
    mail_server: RecordingHandler,
) -> None:
    projects = _portfolio(30)
    poisoned = projects[7]
    # Stored before validation at the door existed: a holiday calendar that does not exist.
    Project.objects.filter(pk=poisoned.pk).update(country="ZZ")

    assert main(["worker", "--once"]) == 0

    delivered = _client_updates(mail_server)
    assert len(delivered) == 29
    assert "contact7@client.example" not in delivered
    poisoned.refresh_from_db()
    assert "ZZ" in poisoned.checkin_error
    assert poisoned.checkin_failed_at is not None
    others = Project.objects.exclude(pk=poisoned.pk)
    assert not others.exclude(checkin_error="").exists()


def test_the_owner_is_alerted_once_however_often_the_check_in_fails() -> None:
    projects = _portfolio(2)
    poisoned = projects[0]
    Project.objects.filter(pk=poisoned.pk).update(subdivision="QQ")
    now = timezone.now()

    for minutes in (0, 11, 22, 60):  # a later tick retries once the claim's lease ran out
        run_weekly_checkins(now=now + timedelta(minutes=minutes))

    alerts = Message.objects.filter(project=poisoned, kind=MessageKind.OWNER_ALERT)
    assert alerts.count() == 1
    alert = alerts.get()
    assert alert.recipients == ["owner@estudio.example"]
    assert "QQ" in alert.text
    assert poisoned.name in alert.subject


def test_a_project_without_an_owner_email_records_the_failure_and_alerts_a_member() -> None:
    projects = _portfolio(2)
    poisoned = projects[1]
    nobody = make_user(Organisation.objects.get(), email="")
    Project.objects.filter(pk=poisoned.pk).update(owner=nobody)

    written = run_weekly_checkins(now=timezone.now())

    assert [m.project_id for m in written] == [projects[0].pk]
    poisoned.refresh_from_db()
    assert "e-mail" in poisoned.checkin_error
    alert = Message.objects.get(project=poisoned, kind=MessageKind.OWNER_ALERT)
    assert alert.recipients == ["owner@estudio.example"]


def test_a_check_in_that_succeeds_again_clears_the_recorded_failure() -> None:
    projects = _portfolio(1)
    project = projects[0]
    Project.objects.filter(pk=project.pk).update(country="ZZ")
    # early on the check-in day, so that ``now`` and eleven minutes later fall on the same day
    now = timezone.now().replace(hour=1, minute=0, second=0, microsecond=0)
    run_weekly_checkins(now=now)
    Project.objects.filter(pk=project.pk).update(country="ES")

    run_weekly_checkins(now=now + timedelta(minutes=11))

    project.refresh_from_db()
    assert (project.checkin_error, project.checkin_failed_at) == ("", None)


def test_the_project_page_and_the_portfolio_show_the_failure() -> None:
    projects = _portfolio(1)
    project = projects[0]
    Project.objects.filter(pk=project.pk).update(country="ZZ")
    run_weekly_checkins(now=timezone.now())
    owner = project.owner
    assert owner is not None
    browser = WebClient()
    browser.force_login(owner)

    for url in ("/", f"/projects/{project.pk}/"):
        page = browser.get(url).content.decode()
        assert "check-in failed:" in page, url
        assert "ZZ" in page, url


def test_a_batch_of_the_continuous_worker_writes_every_project_but_the_poisoned_one(
    mail_server: RecordingHandler,
) -> None:
    projects = _portfolio(25)
    poisoned = projects[3]
    Project.objects.filter(pk=poisoned.pk).update(country="ES", subdivision="QQ")

    done = checkin_batch.call(
        project_ids=[p.pk for p in projects], as_of=timezone.now().isoformat()
    )

    assert done["updates"] == 24
    assert len(_client_updates(mail_server)) == 24
    poisoned.refresh_from_db()
    assert "QQ" in poisoned.checkin_error


def test_a_poisoned_project_whose_promise_passed_does_not_stop_escalations_or_delivery() -> None:
    projects = _portfolio(2)
    today = timezone.now().date()
    Project.objects.filter(pk__in=[p.pk for p in projects]).update(
        promised_on=today - timedelta(days=3), checkin_weekday=(today.weekday() + 3) % 7
    )
    Project.objects.filter(pk=projects[0].pk).update(country="ZZ")

    done = run_due_work(now=timezone.now(), rng=random.Random(1))

    assert [m.project_id for m in done.escalations] == [projects[1].pk]
    assert done.delivery.sent
    assert "ZZ" in Project.objects.get(pk=projects[0].pk).checkin_error


def test_a_time_zone_stored_before_it_was_checked_stops_only_its_project() -> None:
    projects = _portfolio(3)
    broken = projects[1]
    Client.objects.filter(pk=broken.client_id).update(time_zone="Mars/Olympus_Mons")
    now = timezone.now()

    assert broken.pk in due_checkins(now=now)  # handed out, so a batch records why
    written = run_weekly_checkins(now=now)

    assert sorted(m.project_id for m in written) == sorted([projects[0].pk, projects[2].pk])
    broken.refresh_from_db()
    assert "Mars/Olympus_Mons" in broken.checkin_error
    # Recorded just now: not handed out again on every tick, only once a lease would have run out.
    assert broken.pk not in due_checkins(now=now + timedelta(minutes=1))
