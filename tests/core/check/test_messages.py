"""Whole messages, written independently of the corpus, checked element by element."""

from __future__ import annotations

from dataclasses import replace

import pytest

from plazo.core.check import ELEMENTS, check, check_with, default_model

FULL_EN = (
    "Dear Ms Grant, I am afraid the bespoke wardrobes will not be fitted on the 9th. I realise "
    "this leaves your guest room unusable for the holidays. Our joiner discovered that the alcove "
    "walls are out of plumb by 3 cm, so the carcasses must be remade. We've re-measured every wall "
    "with a laser so there will be no further surprises. The workshop is remaking the two "
    "carcasses this week and we will fit everything on Tuesday 16th. We will not charge for the "
    "extra materials. My sincere apologies."
)
FULL_EN_CASUAL = (
    "Hi Ben, bad news I'm afraid: the API migration slips by a week. Apologies. Our CI pipeline "
    "broke after the vendor upgrade and we lost three days. It's fixed now and pinned so it can't "
    "drift again. We're pairing two engineers on the remaining endpoints; new go-live is 24 "
    "October. I get that this squeezes your QA window. We'll waive this month's retainer."
)
FULL_ES = (
    "Estimada Sra. Gil: le escribo para pedirle disculpas, el mobiliario de la oficina no llegará "
    "el día 3. Entiendo que esto retrasa la apertura de su consulta. El fabricante tuvo una avería "
    "en la línea de barnizado. Ya está reparada y hemos pedido prioridad en la cola de producción. "
    "Lo recibirá el día 12 y no le cobraremos el montaje."
)


@pytest.mark.parametrize(
    "text",
    [
        FULL_EN,
        FULL_EN_CASUAL,
        pytest.param(
            FULL_ES,
            marks=pytest.mark.xfail(
                "new_date" not in default_model().clauses,
                strict=True,
                reason="known miss of a model that does not read new_date from clauses "
                "(Settings.clauses, seventh pass): the last sentence 'Lo recibirá el día 12 y "
                "no le cobraremos el montaje.' gets P(new_date) 0.14 (0.22 in the message), "
                "while 'Lo recibirá el día 12.' alone gets 0.92: the compensation clause in the "
                "same sentence pulls the date down; see docs/checker.md, 'Sixth pass'",
            ),
        ),
    ],
)
def test_a_complete_message_has_all_seven_elements(text: str) -> None:
    report = check(text)
    missing = [name for name in ELEMENTS if not report.elements[name].present]
    assert not missing
    assert report.passes


def test_working_hard_and_soon_is_vague_and_not_a_plan() -> None:
    report = check("The event app will be late. We're working hard on it and will update you soon.")
    assert not report.elements["plan"].present
    assert "vague_timing" in report.warning_codes


def test_estamos_trabajando_para_entregarlo_is_not_a_plan() -> None:
    report = check("Su pedido está demorado. Estamos trabajando para entregarlo lo antes posible.")
    assert not report.elements["plan"].present
    assert "vague_timing" in report.warning_codes


def test_a_spanish_message_without_a_date_but_with_a_reason_says_so() -> None:
    report = check(
        "Les informamos que la entrega queda pospuesta sin fecha por falta de materiales."
    )
    assert "unknown_date" in report.warning_codes
    assert report.elements["cause"].present


def test_a_client_who_changed_the_script_is_a_cause_and_re_recording_is_a_plan() -> None:
    text = (
        "Hola Nacho, perdona, el vídeo se retrasa: el cliente final nos cambió el guion y lo "
        "tenemos que regrabar. Te lo paso dentro de diez días."
    )
    report = check(text)
    assert report.elements["cause"].present
    assert report.elements["new_date"].present
    # "lo tenemos que regrabar" is a plan for the rules; the learned checker, trained on the
    # corpus's stricter reading (a step taken, not a necessity stated), does not count it.
    assert check_with(text, "es", None).elements["plan"].present


def test_read_from_its_clauses_the_last_spanish_sentence_carries_its_date() -> None:
    # "Lo recibirá el día 12 y no le cobraremos el montaje.": as one sentence the compensation
    # words pull the date down (the xfail above); each clause scored on its own finds it. The
    # shipped weights with clause units on (docs/checker.md, "Seventh pass").
    model = replace(default_model(), clauses=("new_date",))
    last = "Lo recibirá el día 12 y no le cobraremos el montaje."
    whole = check_with(last, "es", replace(model, clauses=())).elements["new_date"]
    read = check_with(last, "es", model).elements["new_date"]
    assert read.present
    assert read.probability > whole.probability + 0.3
    report = check_with(FULL_ES, "es", model)
    assert not [name for name in ELEMENTS if not report.elements[name].present]
