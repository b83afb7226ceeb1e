"""Reviewing a delay notice: chances from the forecast, offers within caps, preview, check."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from plazo.core.calendar import WorkCalendar
from plazo.core.policy.edits import OfferEdit, OfferEditError
from plazo.store.models import DelayCase, Message, Offer, Project
from plazo.store.services.delays.cases import approve_notice
from plazo.store.services.delays.draft import NoticeDraft, draft_from_case
from plazo.store.services.delays.review import review_notice, save_notice_draft
from plazo.store.services.forecasting.finish_chances import finish_chances
from plazo.store.services.forecasting.run import OrganisationHistories
from plazo.store.services.work.snapshots import load_project_snapshot
from tests.app.demo_case import NOW, TODAY, open_at_risk_case

pytestmark = pytest.mark.django_db
FACTS = {
    "cause": "el proveedor del registro cambió su interfaz a mitad del proyecto",
    "identified": "son los cambios en la nueva interfaz, y ya tenemos su entorno de pruebas",
    "prevention": "validaremos cada integración externa con un prototipo en la primera semana",
    "recovery_steps": ("dos personas en la integración", "migración de contenidos en paralelo"),
}


def _complete(case: DelayCase, **changes: object) -> NoticeDraft:
    draft = NoticeDraft(new_on=case.recommended_on, **FACTS)  # type: ignore[arg-type]
    return replace(draft, **changes)


def test_chances_come_from_the_same_simulation_as_the_stored_forecast() -> None:
    case = open_at_risk_case()
    project, forecast = case.project, case.forecast
    assert forecast is not None
    assert forecast.finish_p50_on
    assert forecast.finish_p85_on
    assert project.promised_on is not None
    calendar = WorkCalendar(country=project.country or None)
    day_before_p50 = forecast.finish_p50_on - timedelta(days=1)
    while not calendar.is_working_day(day_before_p50):
        day_before_p50 -= timedelta(days=1)
    days = [project.promised_on, day_before_p50, forecast.finish_p50_on, forecast.finish_p85_on]
    chances = finish_chances(
        load_project_snapshot(project), days, today=TODAY, histories=OrganisationHistories()
    )
    assert chances is not None
    assert chances[project.promised_on] == forecast.p_on_time
    assert chances[day_before_p50] < 0.5 <= chances[forecast.finish_p50_on]
    assert chances[forecast.finish_p85_on] >= 0.85


def test_a_date_before_the_p50_is_flagged_and_the_recommended_one_is_not() -> None:
    case = open_at_risk_case()
    assert case.forecast is not None
    assert case.forecast.finish_p50_on is not None
    recommended = review_notice(case, _complete(case), now=NOW)
    assert recommended.chosen_chance is not None
    assert recommended.chosen_chance >= 0.85
    assert recommended.recommended_chance == recommended.chosen_chance
    assert not recommended.below_p50
    early = case.forecast.finish_p50_on - timedelta(days=3)
    hurried = review_notice(case, _complete(case, new_on=early), now=NOW)
    assert hurried.chosen_chance is not None
    assert hurried.chosen_chance < 0.5
    assert hurried.below_p50


def test_the_preview_is_in_the_clients_language_and_register() -> None:
    case = open_at_risk_case()
    review = review_notice(case, _complete(case), now=NOW)
    assert review.notice is not None
    assert review.notice.language == case.project.client.language == "es"
    assert FACTS["cause"] in review.notice.text
    formal = case.project.client.register == "formal"
    assert ("le ofrecemos" in review.notice.text) is formal


def test_the_checker_result_changes_as_the_facts_are_filled_in() -> None:
    case = open_at_risk_case()
    empty = review_notice(case, draft_from_case(case), now=NOW)
    assert empty.notice is None
    assert empty.report is None
    assert not empty.satisfied
    assert {p.field for p in empty.problems} == {
        "cause", "identified", "prevention", "recovery_steps",
    }  # fmt: skip
    blaming = _complete(case, cause="ustedes no nos enviaron los textos a tiempo")
    warned = review_notice(case, blaming, now=NOW)
    assert warned.report is not None
    assert "blames_client" in warned.report.warning_codes
    assert not warned.satisfied
    complete = review_notice(case, _complete(case), now=NOW)
    assert complete.report is not None
    assert complete.problems == ()
    assert all(found for _, elements in complete.practices() for _, found in elements)
    assert complete.satisfied


def test_offer_edits_within_the_cap_replace_the_policys_offer_in_the_preview() -> None:
    case = open_at_risk_case()
    policy = review_notice(case, _complete(case), now=NOW)
    assert policy.offers
    assert policy.cap > 0
    first = policy.offers[0]
    edits = tuple(OfferEdit(str(o.kind), o.amount, o.description) for o in policy.offers)
    edits = (replace(edits[0], amount=first.amount + 1, description="un mes sin coste"),)
    edits += tuple(OfferEdit(str(o.kind), Decimal(0), "") for o in policy.offers[1:])
    edited = review_notice(case, _complete(case, offer_edits=edits), now=NOW)
    assert edited.offer_problems == ()
    assert [o.amount for o in edited.offers] == [first.amount + 1]
    assert edited.notice is not None
    assert "un mes sin coste" in edited.notice.text


def test_offer_edits_above_the_cap_or_negative_are_refused() -> None:
    case = open_at_risk_case()
    policy = review_notice(case, _complete(case), now=NOW)
    kinds = [str(o.kind) for o in policy.offers]
    too_much = tuple(OfferEdit(kind, policy.cap + 1, "") for kind in kinds)
    negative = tuple(OfferEdit(kind, Decimal(-1), "") for kind in kinds)
    for edits, code in ((too_much, "above_cap"), (negative, "negative")):
        review = review_notice(case, _complete(case, offer_edits=edits), now=NOW)
        assert next(p.code for p in review.offer_problems) == code
        assert review.offers == policy.offers  # the notice keeps the policy's offer
        with pytest.raises(OfferEditError):
            save_notice_draft(case, _complete(case, offer_edits=edits), now=NOW)
    case.refresh_from_db()
    assert case.offer_edits == []
    assert case.cause == ""


def test_saving_keeps_the_draft_on_the_case_and_sends_nothing() -> None:
    case = open_at_risk_case()
    later = case.recommended_on + timedelta(days=7)
    save_notice_draft(case, _complete(case, new_on=later), now=NOW)
    case.refresh_from_db()
    assert (case.chosen_on, case.cause, case.state) == (later, FACTS["cause"], "draft")
    assert case.recovery_steps == list(FACTS["recovery_steps"])
    saved = _complete(case, new_on=later)
    assert draft_from_case(case) == replace(saved, cause_category="ours")
    assert not Message.objects.filter(kind="delay_notice").exists()


def test_approving_with_edits_queues_one_notice_and_records_the_edited_offer() -> None:
    case = open_at_risk_case()
    policy = review_notice(case, _complete(case), now=NOW)
    edits = tuple(OfferEdit(str(o.kind), o.amount, o.description) for o in policy.offers)
    smaller = policy.offers[0].amount - 10
    edits = (replace(edits[0], amount=smaller, description="descuento en la factura final"),)
    edits += tuple(OfferEdit(str(o.kind), Decimal(0), "") for o in policy.offers[1:])
    draft = _complete(case, offer_edits=edits)
    assert draft.new_on is not None
    approved = approve_notice(case, draft, now=NOW)
    assert Message.objects.filter(kind="delay_notice").count() == 1
    assert approved.notice.state == "queued"
    assert "descuento en la factura final" in approved.notice.text
    offers = Offer.objects.filter(delay_case=case)
    assert [(o.amount, o.description) for o in offers] == [
        (smaller, "descuento en la factura final")
    ]
    assert "edited" in offers[0].rule
    assert Project.objects.get(pk=case.project_id).promised_on == draft.new_on


def test_approving_refuses_edits_above_the_cap_and_changes_nothing() -> None:
    case = open_at_risk_case()
    policy = review_notice(case, _complete(case), now=NOW)
    edits = tuple(OfferEdit(str(o.kind), policy.cap + 1, "") for o in policy.offers)
    draft = _complete(case)
    assert draft.new_on is not None
    with pytest.raises(OfferEditError):
        approve_notice(case, replace(draft, offer_edits=edits), now=NOW)
    case.refresh_from_db()
    assert case.state == "draft"
    assert not Message.objects.filter(kind="delay_notice").exists()
    assert not Offer.objects.exists()


def test_the_owner_alert_links_to_the_review_page() -> None:
    case = open_at_risk_case()
    alert = Message.objects.get(kind="owner_alert", delay_case=case)
    assert f"/cases/{case.pk}/" in alert.text
    assert "/admin/" not in alert.text


def test_when_the_policy_offers_nothing_the_owner_can_still_offer_within_the_cap() -> None:
    case = open_at_risk_case()
    assert case.previous_promised_on is not None
    calendar = WorkCalendar(country=case.project.country or None)
    next_day = calendar.next_working_day(case.previous_promised_on + timedelta(days=1))
    bare = review_notice(case, _complete(case, new_on=next_day), now=NOW)
    assert bare.decision is not None
    assert bare.decision.offers == ()  # a first short slip told early: the policy gives nothing
    assert bare.notice is not None  # and the apology is enough: the notice goes without an offer
    assert "offers" not in {p.field for p in bare.problems}
    assert "descuento" not in bare.notice.text
    assert bare.satisfied
    own = (OfferEdit("discount", Decimal(200), ""),)
    offered = review_notice(case, _complete(case, new_on=next_day, offer_edits=own), now=NOW)
    assert [(str(o.kind), o.amount) for o in offered.offers] == [("discount", Decimal(200))]
    # Worded as the policy words a discount; 200 of 24,000 is no whole percentage, so none is
    # shown, and the notice names the discount once.
    assert offered.offers[0].description == "descuento en este proyecto"
    assert offered.notice is not None
    assert offered.notice.text.count("descuento") == 1
    assert offered.notice is not None


def test_a_scope_change_the_client_asked_for_is_priced_and_told_as_their_request() -> None:
    """W4: the case's cause category reaches the policy (nothing offered) and the composer."""
    case = open_at_risk_case()
    draft = _complete(
        case,
        cause="el portal tendrá también un área privada para los inversores",
        identified="unas dos semanas de diseño, desarrollo y pruebas",
        prevention="acordaremos por escrito la fecha de cada cambio antes de empezarlo",
        cause_category="scope_change",
    )
    review = review_notice(case, draft, now=NOW)
    assert review.decision is not None
    assert (review.decision.rule, review.offers, review.offer_due) == ("scope-change", (), False)
    assert review.notice is not None
    text = review.notice.text
    assert "bajo control" not in text
    assert "pido disculpas" not in text
    assert "a petición suya, el portal tendrá también un área privada" in text
    assert review.satisfied
