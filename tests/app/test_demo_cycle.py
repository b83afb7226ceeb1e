"""One demo cycle: forecast, a delay case left in draft for a person, weekly updates delivered."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import message_from_bytes, policy

import pytest
from django.core import mail

from plazo.core.check import check
from plazo.demo import load_demo
from plazo.demo.cycle import run_demo_cycle
from plazo.store.models import CheckinDecision, Commitment, DelayCase, Message
from plazo.store.services.delays.draft import draft_from_case
from plazo.store.services.delays.review import review_notice

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, tzinfo=UTC)


def _cycle() -> tuple[object, object]:
    org = load_demo(TODAY).organisation
    return org, run_demo_cycle(org, today=TODAY, now=NOW)


def test_the_at_risk_project_gets_a_case_in_draft_for_a_person_to_review() -> None:
    org, cycle = _cycle()
    case = DelayCase.objects.for_organisation(org).get()  # type: ignore[arg-type]
    assert case.project.name == "Portal del inversor"
    assert case.state == "draft"
    assert cycle.to_review == [case]  # type: ignore[attr-defined]
    kinds = set(Message.objects.filter(delay_case=case).values_list("kind", flat=True))
    assert kinds == {"owner_alert"}
    current = Commitment.objects.get(project=case.project, is_current=True)
    assert current.promised_on == case.previous_promised_on  # nothing promised until approved
    assert case.cause
    assert case.recovery_steps


def test_the_draft_notice_names_the_stake_and_is_ready_to_approve() -> None:
    org, _ = _cycle()
    case = DelayCase.objects.for_organisation(org).get()  # type: ignore[arg-type]
    review = review_notice(case, draft_from_case(case), now=NOW)
    assert review.notice is not None
    assert "junta anual de accionistas" in review.notice.text
    report = check(review.notice.text, lang="es")
    assert report.passes, report.to_dict()


def test_the_at_risk_projects_update_is_held_until_its_notice_is_decided() -> None:
    _org, _ = _cycle()
    held = CheckinDecision.objects.get()
    assert (held.project.name, held.decision) == ("Portal del inversor", "hold")
    assert not Message.objects.filter(project=held.project, kind="weekly_update").exists()


def test_every_other_active_project_gets_one_weekly_update_and_all_is_delivered() -> None:
    org, _ = _cycle()
    updates = Message.objects.for_organisation(org).filter(kind="weekly_update")  # type: ignore[arg-type]
    assert updates.count() == 5
    assert set(Message.objects.values_list("state", flat=True)) == {"sent"}
    assert len(mail.outbox) == Message.objects.count() == 6
    parsed = message_from_bytes(bytes(updates.first().mime), policy=policy.default)  # type: ignore[union-attr]
    assert parsed.is_multipart()
    assert parsed.get_body(("html",)) is not None


def test_a_second_cycle_the_same_day_changes_nothing() -> None:
    org, _ = _cycle()
    again = run_demo_cycle(org, today=TODAY, now=NOW)  # type: ignore[arg-type]
    assert not again.changed
    assert Message.objects.count() == 6
