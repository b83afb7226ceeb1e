"""A delay case ends when its notice is sent, so the next danger to the new promise opens a new
case: plazo never goes silent on a project because it slipped once before."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from babel.dates import format_date

from plazo.store.models import DelayCase, Message
from plazo.store.services.delays.cases import approve_notice
from plazo.store.services.delays.draft import NoticeDraft
from plazo.store.services.delays.review import review_notice
from plazo.store.services.editing import dashboard
from plazo.worker.due import deliver_outbox
from tests.app.demo_case import NOW, approve_plain_notice, open_at_risk_case

pytestmark = pytest.mark.django_db


def _approved_case() -> DelayCase:
    case = open_at_risk_case()
    approve_plain_notice(case)
    case.refresh_from_db()
    assert case.state == "approved"
    return case


def test_sending_the_notice_closes_its_case() -> None:
    case = _approved_case()
    notice = Message.objects.get(delay_case=case, kind="delay_notice")

    report = deliver_outbox(now=NOW + timedelta(minutes=1), rng=random.Random(0))

    assert notice.pk in report.sent
    case.refresh_from_db()
    assert case.state == "sent"


def test_a_second_slip_after_the_notice_opens_a_new_case() -> None:
    case = _approved_case()
    deliver_outbox(now=NOW + timedelta(minutes=1), rng=random.Random(0))
    project = case.project

    # Much more work turns up: the new promise is in danger too.
    later = NOW + timedelta(days=1)
    refreshed = dashboard.add_items(
        project, [(f"Cambio {n}", Decimal("40")) for n in range(8)], now=later
    )

    assert refreshed.opened is not None
    assert refreshed.opened.pk != case.pk
    assert refreshed.opened.state == "draft"
    assert DelayCase.objects.filter(project=project).count() == 2


def test_an_approved_case_whose_notice_is_not_sent_stays_open() -> None:
    case = _approved_case()  # no worker pass: the notice waits in the outbox
    refreshed = dashboard.add_items(
        case.project, [(f"Cambio {n}", Decimal("40")) for n in range(8)], now=NOW
    )
    assert refreshed.opened is None
    case.refresh_from_db()
    assert case.state == "approved"


def _second_case() -> tuple[DelayCase, DelayCase]:
    """The first case approved and sent, then the new promise in danger: the second case."""
    first = _approved_case()
    deliver_outbox(now=NOW + timedelta(minutes=1), rng=random.Random(0))
    later = NOW + timedelta(days=1)
    refreshed = dashboard.add_items(
        first.project, [(f"Cambio {n}", Decimal("40")) for n in range(8)], now=later
    )
    assert refreshed.opened is not None
    return first, refreshed.opened


SECOND_FACTS = NoticeDraft(
    new_on=None,
    cause="el alcance creció con ocho cambios pedidos durante las pruebas",
    identified="los cambios no estaban en la estimación con la que fijamos la fecha",
    prevention="estimamos cada cambio antes de aceptarlo y lo sumamos al plan esa misma semana",
    recovery_steps=("una tercera persona en el proyecto",),
)


def test_the_second_notice_says_it_is_the_second_change_and_names_the_first_promise() -> None:
    first, second = _second_case()
    original = first.previous_promised_on
    told_before = second.previous_promised_on
    assert original is not None
    assert told_before is not None
    assert told_before == first.chosen_on or told_before == first.recommended_on
    assert second.recommended_on is not None
    later = NOW + timedelta(days=1)

    review = review_notice(second, replace(SECOND_FACTS, new_on=second.recommended_on), now=later)
    assert review.earlier_promised_on == (original,)
    assert review.date_change == 2
    assert review.promised_dates == (original, told_before)
    assert review.satisfied  # the checker finds every element in the re-slip wording

    approve_notice(second, replace(SECOND_FACTS, new_on=second.recommended_on), now=later)
    notice = Message.objects.get(delay_case=second, kind="delay_notice")
    assert "es la segunda vez que lo hacemos" in notice.text
    original_words = format_date(original, "long", locale="es")
    told_words = format_date(told_before, "long", locale="es")
    assert f"Le prometimos entregarlo el {original_words} y después el {told_words}" in notice.text
    assert "Para que no vuelva a ocurrir" not in notice.text
    assert "qué cambia esta vez: estimamos cada cambio" in notice.text
    assert "nuevo retraso" in notice.subject
    # The recommended date reaches the project's confidence, priced on the same trials as the
    # review page: the notice gives that chance (rounded down) as why the date holds, and the
    # owner approved exactly the text the client gets.
    chance = review.chosen_chance
    assert chance is not None
    assert chance >= 0.85
    assert f"de al menos el {math.floor(chance * 100)}\u00a0%" in notice.text
    assert "Esta vez la fecha no sale de nuestra estimación inicial" in notice.text
    assert review.notice is not None
    assert notice.text == review.notice.text
    first_notice = Message.objects.get(delay_case=first, kind="delay_notice")
    assert "Para que no vuelva a ocurrir" in first_notice.text  # the first slip reads as before
    assert "segunda vez" not in first_notice.text


def test_a_re_slip_date_below_the_projects_confidence_claims_no_basis() -> None:
    """The owner may promise a date the forecast does not support; the notice then does not tell
    the client it was worked out from the real pace (nor give a figure)."""
    _, second = _second_case()
    assert second.previous_promised_on is not None
    later = NOW + timedelta(days=1)
    early = second.previous_promised_on + timedelta(days=7)
    while early.weekday() >= 5:
        early += timedelta(days=1)

    review = review_notice(second, replace(SECOND_FACTS, new_on=early), now=later)

    assert review.chosen_chance is not None
    assert review.chosen_chance < 0.85
    assert review.notice is not None
    assert "Esta vez la fecha no sale de nuestra estimación inicial" not in review.notice.text
    assert "lo que de verdad nos han llevado las tareas" not in review.notice.text
    assert "probabilidad" not in review.notice.text
    assert review.satisfied  # the checker still finds every element without the basis
