"""One demo cycle: forecast, a delay case and its notice, weekly updates, all delivered."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import message_from_bytes, policy

import pytest
from django.core import mail

from plazo.core.check import check
from plazo.demo import load_demo
from plazo.demo.cycle import run_demo_cycle
from plazo.store.models import Commitment, DelayCase, Message, Offer

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, tzinfo=UTC)


def _cycle() -> tuple[object, object]:
    org = load_demo(TODAY).organisation
    return org, run_demo_cycle(org, today=TODAY, now=NOW)


def test_the_at_risk_project_gets_a_case_an_alert_and_a_notice() -> None:
    org, _ = _cycle()
    case = DelayCase.objects.for_organisation(org).get()  # type: ignore[arg-type]
    assert case.project.name == "Portal del inversor"
    assert case.state == "approved"
    kinds = set(Message.objects.filter(delay_case=case).values_list("kind", flat=True))
    assert kinds == {"owner_alert", "delay_notice"}
    current = Commitment.objects.get(project=case.project, is_current=True)
    assert current.promised_on == case.recommended_on
    assert current.notice is not None
    assert current.notice.kind == "delay_notice"
    offers = Offer.objects.filter(delay_case=case)
    assert offers.count() >= 1
    assert all(o.amount > 0 and o.state == "offered" for o in offers)


def test_the_notice_names_the_stake_and_passes_the_checker() -> None:
    org, _ = _cycle()
    notice = Message.objects.for_organisation(org).get(kind="delay_notice")  # type: ignore[arg-type]
    assert "junta anual de accionistas" in notice.text
    report = check(notice.text, lang="es")
    assert report.passes, report.to_dict()


def test_every_active_project_gets_one_weekly_update_and_all_is_delivered() -> None:
    org, _ = _cycle()
    updates = Message.objects.for_organisation(org).filter(kind="weekly_update")  # type: ignore[arg-type]
    assert updates.count() == 6
    assert set(Message.objects.values_list("state", flat=True)) == {"sent"}
    assert len(mail.outbox) == Message.objects.count() == 8
    parsed = message_from_bytes(bytes(updates.first().mime), policy=policy.default)  # type: ignore[union-attr]
    assert parsed.is_multipart()
    assert parsed.get_body(("html",)) is not None


def test_a_second_cycle_the_same_day_changes_nothing() -> None:
    org, _ = _cycle()
    again = run_demo_cycle(org, today=TODAY, now=NOW)  # type: ignore[arg-type]
    assert not again.changed
    assert Message.objects.count() == 8
