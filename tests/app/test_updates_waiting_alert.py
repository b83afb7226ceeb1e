"""With manual approval the owner hears that updates wait: one alert per check-in, not per
project, in the language they read plazo in; the dashboard counts them (portfolio and nav)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client as HttpClient

from plazo.demo import load_demo
from plazo.store.models import Membership, Message, Project
from plazo.store.services.checkins.approvals import waiting_updates
from plazo.store.services.checkins.week import decide_update
from plazo.store.services.checkins.weekly import run_weekly_checkins

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)  # a Monday
CHECKIN = datetime(2026, 12, 6, 18, tzinfo=UTC)  # Sunday: every demo check-in is due


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
    run_weekly_checkins(now=CHECKIN, project_ids=[monday[0].pk])
    run_weekly_checkins(now=CHECKIN, project_ids=[p.pk for p in monday[1:]])
    [alert] = _alerts()
    assert monday[0].name in alert.text


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
