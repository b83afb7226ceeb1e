"""What *This week* shows is what goes out, while a draft delay case waits and after it goes.

The outsider's walk-through (findings 5 and 6): a draft delay case waited after the forecast
recovered, and the week's update read "Hay riesgo de que no lleguemos a la fecha prometida"
beside "con un 85 % de confianza, no más tarde del" a day well before that date. The owner
discarded the draft; *This week* still showed the "riesgo" text, and *Send now* sent "Vamos
bien…": the approver approved one text and the client got another.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from plazo.demo import load_demo
from plazo.store.models import DelayCase, Message, Project
from plazo.store.services.checkins.preview import preview_message
from plazo.store.services.checkins.week import UpdateChanged, decide_update, update_version
from plazo.store.services.checkins.weekly import run_weekly_checkins
from plazo.store.services.editing.cases import discard_draft_case, open_case
from plazo.store.services.forecasting.run import reforecast_active

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)  # a Monday
CHECKIN = datetime(2026, 12, 6, 18, tzinfo=UTC)  # Sunday: every demo check-in is due
ON_TRACK = "Vamos bien"
AT_RISK = "Hay riesgo de que no lleguemos"
IN_REVIEW = "Estamos revisando la planificación de la fecha prometida"


def _on_track_project() -> Project:
    """The demo's on-track Spanish project, in a studio that approves its updates by hand."""
    org = load_demo(TODAY).organisation
    org.send_updates_automatically = False
    org.save()
    return Project.objects.select_related("client").get(
        organisation=org, name="Informe anual interactivo"
    )


def _draft(project: Project, now: datetime = CHECKIN) -> Message:
    [update] = [m for m in run_weekly_checkins(now=now) if m.project_id == project.pk]
    assert update.state == "draft"
    return update


def test_the_update_is_on_track_without_a_draft_case() -> None:
    project = _on_track_project()
    assert ON_TRACK in _draft(project).text  # the premise of the tests below


def test_a_draft_case_on_a_recovered_forecast_is_told_as_under_review_not_as_a_risk() -> None:
    project = _on_track_project()
    open_case(project, now=CHECKIN - timedelta(hours=1))
    text = _draft(project).text
    assert ON_TRACK not in text  # the rule: no "on track" while a notice awaits review
    assert AT_RISK not in text  # …nor a risk the forecast line beside it contradicts
    assert IN_REVIEW in text
    assert "no más tarde del" in text  # the forecast is still told


def test_opening_a_case_by_hand_rewrites_the_waiting_update() -> None:
    project = _on_track_project()
    update = _draft(project)
    open_case(project, now=CHECKIN + timedelta(minutes=10))
    update.refresh_from_db()
    assert IN_REVIEW in update.text
    assert ON_TRACK not in update.text


def test_discarding_the_draft_case_rewrites_the_waiting_update_at_once() -> None:
    project = _on_track_project()
    case = open_case(project, now=CHECKIN - timedelta(hours=1))
    update = _draft(project)
    assert IN_REVIEW in update.text

    discard_draft_case(case, reason="el retraso se resolvió", now=CHECKIN + timedelta(minutes=5))

    update.refresh_from_db()
    assert ON_TRACK in update.text  # what *This week* shows now is what *Send now* sends
    assert IN_REVIEW not in update.text
    seen = update_version(update.text)
    decide_update(project, "send", now=CHECKIN + timedelta(minutes=6), seen_version=seen)
    update.refresh_from_db()
    assert update.state == "queued"
    assert ON_TRACK in update.text


def test_send_now_refuses_a_text_older_than_the_stored_one_and_keeps_the_new_one() -> None:
    project = _on_track_project()
    update = _draft(project)
    shown = update_version(update.text)  # the page was opened here
    # The page is left open; meanwhile a delay case is opened (another person, the API…),
    # with no re-forecast between: only what the owner sees is stale.
    DelayCase.objects.create(
        organisation_id=project.organisation_id,
        project=project,
        trigger="person",
        opened_at=CHECKIN + timedelta(minutes=1),
        previous_promised_on=project.promised_on,
    )

    with pytest.raises(UpdateChanged) as refused:
        decide_update(project, "send", now=CHECKIN + timedelta(minutes=2), seen_version=shown)

    update.refresh_from_db()
    assert update.state == "draft"  # nothing was queued
    assert IN_REVIEW in update.text  # the stored draft is the new text, for the page to show
    assert refused.value.text == update.text
    updates = Message.objects.filter(project=project, kind="weekly_update")
    assert not updates.filter(state="queued").exists()
    fresh = update_version(update.text)
    decide_update(project, "send", now=CHECKIN + timedelta(minutes=3), seen_version=fresh)
    update.refresh_from_db()
    assert update.state == "queued"


def test_send_now_refuses_a_preview_older_than_what_would_be_written() -> None:
    # No draft yet (before the check-in): the page showed a preview composed on demand.
    project = _on_track_project()
    before = CHECKIN - timedelta(days=6)  # Monday 30 Nov, before the demo's check-ins
    reforecast_active(project.organisation, now=before)
    shown = preview_message(project, "weekly", now=before)
    open_case(project, now=before + timedelta(minutes=1))
    with pytest.raises(UpdateChanged):
        decide_update(
            project,
            "send",
            now=before + timedelta(minutes=2),
            seen_version=update_version(shown.text),
        )
    assert not Message.objects.filter(project=project, kind="weekly_update").exists()


def test_a_draft_approved_a_day_later_shows_the_dates_the_client_will_read_first() -> None:
    # The forecast counts from the day the update goes out: Monday's "no later than 28 Dec"
    # is Tuesday's "29 Dec" when nothing was done. The approver reads the latter before it goes.
    project = _on_track_project()
    monday = datetime(2026, 12, 7, 10, tzinfo=UTC)  # after its 09:00 check-in in Madrid
    update = _draft(project, now=monday)
    assert "no más tarde del 28 de diciembre de 2026" in update.text
    tuesday = monday + timedelta(days=1)

    with pytest.raises(UpdateChanged) as refused:
        decide_update(project, "send", now=tuesday, seen_version=update_version(update.text))

    assert "no más tarde del 29 de diciembre de 2026" in refused.value.text
    decide_update(project, "send", now=tuesday, seen_version=update_version(refused.value.text))
    update.refresh_from_db()
    assert update.state == "queued"
    assert update.text == refused.value.text  # what was read is what goes out
    assert "8 de diciembre" in update.subject  # dated the day it goes (the subject is not shown)
