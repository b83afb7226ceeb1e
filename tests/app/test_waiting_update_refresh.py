"""An update that waits for approval says what is true when it goes out, not at its check-in.

The outsider's walk-through: the worker drafted Monday's update at the check-in ("Próximos
pasos: Pasarela de pago…"); the owner then marked those tasks done and clicked *Send now*, and
the client received the morning's progress. The draft is now rewritten, under its key, when the
project is re-forecast and when it is approved; a delay notice still replaces it.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from email.utils import parsedate_to_datetime

import pytest

from plazo.demo import load_demo
from plazo.store.models import Message, Project, WorkItem, WorkItemStatus
from plazo.store.services.checkins.week import DecisionRefused, decide_update
from plazo.store.services.checkins.weekly import run_weekly_checkins
from plazo.store.services.editing.dashboard import finish_item
from plazo.worker.due import deliver_outbox
from plazo.worker.tasks import reforecast_project_task
from tests.app.test_checkin_decisions import _approve_portal

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)  # a Monday
CHECKIN = datetime(2026, 12, 6, 18, tzinfo=UTC)  # Sunday: every demo check-in is due


def _manual_demo() -> dict[str, Project]:
    org = load_demo(TODAY).organisation
    org.send_updates_automatically = False
    org.save()
    return {p.name: p for p in Project.objects.for_organisation(org).select_related("client")}


def _next_steps(text: str) -> list[str]:
    """The items the update lists under "Próximos pasos"."""
    after = text.split("Próximos pasos:", 1)[1].split("\n\n", 1)[0]
    return [line[2:] for line in after.strip().splitlines()]


def _draft(project: Project) -> Message:
    [update] = [m for m in run_weekly_checkins(now=CHECKIN) if m.project_id == project.pk]
    assert update.state == "draft"
    return update


def _first_next(project: Project, update: Message) -> WorkItem:
    first = _next_steps(update.text)[0]
    return WorkItem.objects.get(project=project, title=first, status__in=("todo", "doing"))


def test_a_draft_follows_the_work_done_after_its_checkin_and_sends_what_is_true() -> None:
    project = _manual_demo()["Informe anual interactivo"]
    update = _draft(project)
    message_id, key = update.message_id, update.idempotency_key
    item = _first_next(project, update)

    finish_item(item, on=date(2026, 12, 6), actual_hours=None, now=CHECKIN + timedelta(hours=1))

    update.refresh_from_db()
    assert update.state == "draft"
    assert item.title not in _next_steps(update.text)  # what *This week* shows the approver
    assert f"- {item.title}" in update.text.split("Próximos pasos:", 1)[0]
    assert update.created_at == CHECKIN + timedelta(hours=1)
    decide_update(project, "send", now=CHECKIN + timedelta(hours=2))
    update.refresh_from_db()
    assert update.state == "queued"
    assert (update.message_id, update.idempotency_key) == (message_id, key)  # one thread, one key
    assert Message.objects.filter(project=project, kind="weekly_update").count() == 1
    sent = deliver_outbox(now=CHECKIN + timedelta(hours=2), rng=random.Random(0)).sent
    assert update.pk in sent


def test_send_now_rewrites_a_draft_even_when_no_re_forecast_ran_since() -> None:
    project = _manual_demo()["Informe anual interactivo"]
    update = _draft(project)
    item = _first_next(project, update)
    # A bulk write (as an import does) sends no signal and re-forecasts nothing by itself.
    WorkItem.objects.filter(pk=item.pk).update(
        status=WorkItemStatus.DONE, completed_on=date(2026, 12, 6)
    )
    update.refresh_from_db()
    assert item.title in _next_steps(update.text)  # stale until it is approved

    decide_update(project, "send", now=CHECKIN + timedelta(hours=3))
    update.refresh_from_db()
    assert update.state == "queued"
    assert item.title not in _next_steps(update.text)
    assert item.title in update.text
    assert update.created_at == CHECKIN + timedelta(hours=3)
    sent_date = message_from_bytes(bytes(update.mime))["Date"]
    assert parsedate_to_datetime(sent_date) == CHECKIN + timedelta(hours=3)  # dated when it goes


def test_the_workers_re_forecast_rewrites_a_waiting_draft() -> None:
    project = _manual_demo()["Informe anual interactivo"]
    update = _draft(project)
    item = _first_next(project, update)
    WorkItem.objects.filter(pk=item.pk).update(
        status=WorkItemStatus.DONE, completed_on=date(2026, 12, 6)
    )
    later = CHECKIN + timedelta(minutes=30)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.now", lambda: later)
        reforecast_project_task.call(project_id=project.pk)
    update.refresh_from_db()
    assert item.title not in _next_steps(update.text)


def test_a_draft_the_delay_notice_replaced_stays_withdrawn() -> None:
    projects = _manual_demo()
    portal = projects["Portal del inversor"]
    update = _draft(portal)
    text = update.text
    _approve_portal(projects, CHECKIN + timedelta(minutes=5))
    update.refresh_from_db()
    assert update.state == "cancelled"
    item = WorkItem.objects.filter(project=portal).exclude(status="done").first()
    assert item is not None
    finish_item(item, on=date(2026, 12, 6), actual_hours=None, now=CHECKIN + timedelta(hours=1))
    update.refresh_from_db()
    assert (update.state, update.text) == ("cancelled", text)
    with pytest.raises(DecisionRefused, match="notice is the update"):
        decide_update(portal, "send", now=CHECKIN + timedelta(hours=2))


def test_the_next_update_does_not_repeat_what_the_rewritten_one_reported() -> None:
    project = _manual_demo()["Informe anual interactivo"]
    update = _draft(project)
    item = _first_next(project, update)
    finish_item(item, on=date(2026, 12, 6), actual_hours=None, now=CHECKIN + timedelta(hours=1))
    decide_update(project, "send", now=CHECKIN + timedelta(hours=2))
    deliver_outbox(now=CHECKIN + timedelta(hours=2), rng=random.Random(0))
    [following] = [
        m
        for m in run_weekly_checkins(now=CHECKIN + timedelta(days=7))
        if m.project_id == project.pk
    ]
    assert f"- {item.title}\n" not in following.text.split("Próximos pasos:", 1)[0]
