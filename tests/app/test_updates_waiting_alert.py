"""With manual approval the owner hears that updates wait: one alert per check-in, not per
project, in the language they read plazo in; the dashboard counts them (portfolio and nav)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client as HttpClient
from django_tasks_db.models import DBTaskResult

from plazo.demo import load_demo
from plazo.store.models import Membership, Message, Project
from plazo.store.services.checkins.approvals import waiting_updates
from plazo.store.services.checkins.week import decide_update
from plazo.store.services.checkins.weekly import run_weekly_checkins
from plazo.worker import tasks
from plazo.worker.tasks import CHECKIN_BATCH, checkin_batch, fan_out_checkins
from tests.app.factories import (
    make_client,
    make_contact,
    make_item,
    make_org,
    make_project,
    make_user,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)  # a Monday
CHECKIN = datetime(2026, 12, 6, 18, tzinfo=UTC)  # Sunday: every demo check-in is due
MONDAY_CHECKIN = datetime(2026, 12, 7, 9, 5, tzinfo=UTC)


def _demo(*, automatic: bool = False) -> list[Project]:
    org = load_demo(TODAY).organisation
    org.send_updates_automatically = automatic
    org.save()
    return list(Project.objects.for_organisation(org).select_related("client", "owner"))


def _alerts() -> list[Message]:
    return list(
        Message.objects.filter(kind="owner_alert", idempotency_key__startswith="updates_waiting:")
    )


def test_the_owner_gets_one_alert_listing_every_waiting_update() -> None:
    _demo()
    drafts = [m for m in run_weekly_checkins(now=CHECKIN) if m.state == "draft"]
    assert len(drafts) >= 2

    [alert] = _alerts()
    assert alert.state == "queued"
    assert alert.subject == f"{len(drafts)} actualizaciones semanales esperan tu aprobación"
    for draft in drafts:
        assert draft.project is not None
        assert f"- {draft.project.name} ({draft.project.client.name})" in alert.text
    assert "/week/" in alert.text
    assert alert.recipients == ["demo@estudiolumbre.example"]

    run_weekly_checkins(now=CHECKIN + timedelta(minutes=1))  # another pass: nothing new
    assert len(_alerts()) == 1


def test_the_alert_is_in_the_readers_language() -> None:
    projects = _demo()
    owner = projects[0].owner
    Membership.objects.filter(user=owner).update(language="en")
    run_weekly_checkins(now=CHECKIN)
    [alert] = _alerts()
    assert alert.language == "en"
    assert "weekly updates await your approval" in alert.subject


def test_next_weeks_checkin_brings_its_own_alert() -> None:
    _demo()
    run_weekly_checkins(now=CHECKIN)
    run_weekly_checkins(now=CHECKIN + timedelta(days=7))
    assert len(_alerts()) == 2


def test_nobody_is_alerted_when_updates_go_out_on_their_own() -> None:
    _demo(automatic=True)
    assert run_weekly_checkins(now=CHECKIN)
    assert _alerts() == []


def test_the_portfolio_and_the_nav_count_the_waiting_updates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    projects = _demo()
    org = projects[0].organisation
    drafts = [m for m in run_weekly_checkins(now=CHECKIN) if m.state == "draft"]
    monkeypatch.setattr("django.utils.timezone.now", lambda: CHECKIN + timedelta(hours=1))
    browser = HttpClient()
    browser.force_login(projects[0].owner)

    page = browser.get("/").content.decode()
    assert f'data-testid="nav-waiting">{len(drafts)}<' in page
    banner = page.split('data-testid="updates-waiting">', 1)[1].split("</p>", 1)[0]
    assert f">{len(drafts)}</span>" in banner
    assert "weekly updates await your approval" in banner
    assert 'href="/week/"' in banner
    spanish = browser.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "avances semanales esperan su aprobación" in spanish
    assert "Revisar y enviar en Esta semana" in spanish

    first, second = (d.project for d in drafts[:2])
    assert first is not None
    assert second is not None
    decide_update(first, "send", now=CHECKIN + timedelta(hours=1))
    decide_update(second, "hold", now=CHECKIN + timedelta(hours=1))  # held: not waiting
    assert len(waiting_updates(org, now=CHECKIN + timedelta(hours=1))) == len(drafts) - 2
    page = browser.get("/week/").content.decode()
    assert f'data-testid="nav-waiting">{len(drafts) - 2}<' in page
    assert page.count('data-testid="awaiting-approval"') == len(drafts) - 2


def test_batches_of_one_checkin_make_one_alert() -> None:
    projects = _demo()
    monday = [p for p in projects if p.checkin_weekday == 0 and p.status == "active"]
    assert len(monday) >= 2
    first = run_weekly_checkins(now=CHECKIN, project_ids=[monday[0].pk])
    assert _alerts() == []  # the owner's other updates due at this hour are not written yet
    rest = run_weekly_checkins(
        now=CHECKIN, project_ids=[p.pk for p in projects if p.pk != monday[0].pk]
    )
    [alert] = _alerts()
    assert monday[0].name in alert.text
    drafts = [m for m in first + rest if m.state == "draft"]
    assert alert.text.count("\n- ") == len(drafts)


def test_a_project_whose_owner_left_is_told_to_another_owner() -> None:
    projects = _demo()
    owner = projects[0].owner
    assert owner is not None
    colleague = type(owner).objects.create_user("tom", email="tom@estudiolumbre.example")
    Membership.objects.create(organisation=projects[0].organisation, user=colleague, role="owner")
    type(owner).objects.filter(pk=owner.pk).update(is_active=False)
    run_weekly_checkins(now=CHECKIN)
    [alert] = _alerts()
    assert alert.recipients == ["tom@estudiolumbre.example"]


def _studio_of_one_owner(projects: int, *, without_work: int = 0) -> None:
    """An organisation with manual approval whose one owner has ``projects`` projects with the
    same check-in hour (Monday 09:00 UTC); the last ``without_work`` have no task to report."""
    org = make_org(send_updates_automatically=False)
    owner = make_user(org, email="owner@studio.example")
    client = make_client(org, language="en", time_zone="UTC")
    make_contact(client, email="client@example.com")
    for n in range(projects):
        project = make_project(
            org,
            client,
            name=f"Site {n:02d}",
            owner=owner,
            promised_on=date(2027, 3, 1),
            checkin_weekday=0,
            checkin_hour=9,
        )
        if n < projects - without_work:
            make_item(project)


def _run_the_tick(now: datetime) -> int:
    """Hand the due check-ins out as the worker's tick does, then run every batch."""
    DBTaskResult.objects.all().delete()
    batches = fan_out_checkins(now=now)
    path = f"{checkin_batch.func.__module__}.{checkin_batch.func.__qualname__}"
    for task in DBTaskResult.objects.filter(task_path=path).order_by("enqueued_at"):
        checkin_batch.call(**task.args_kwargs["kwargs"])
    return batches


def test_an_owner_with_more_projects_due_than_a_batch_gets_one_alert_for_them_all() -> None:
    _studio_of_one_owner(30)
    assert CHECKIN_BATCH < 30
    assert _run_the_tick(MONDAY_CHECKIN) == 2

    [alert] = _alerts()
    assert alert.subject == "30 weekly updates await your approval"
    assert alert.text.count("- Site ") == 30
    assert "Site 29" in alert.html
    assert _run_the_tick(MONDAY_CHECKIN + timedelta(minutes=1)) == 0  # nothing due: no new alert
    assert len(_alerts()) == 1


def test_the_alert_still_comes_when_the_last_batchs_project_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tasks, "CHECKIN_BATCH", 3)
    _studio_of_one_owner(4, without_work=1)  # the fourth has no task: its check-in fails
    assert _run_the_tick(MONDAY_CHECKIN) == 2

    [alert] = _alerts()
    assert alert.subject == "3 weekly updates await your approval"
