"""Rule fixes from an outsider's English notice that passed 100/100 without apologising.

1. A sentence with no explicit apology expression (the rules' ``apology`` or ``apology_word``
   match: sorry, apologise, regret, forgive, perdón, disculpa, lamento, lo siento…) cannot carry
   ``apology``, and the second stage cannot bring back a label no sentence may carry: "I'm writing
   to let you know that your kitchen will not be finished" is not an apology because the rest of
   the message is complete.
2. Weekday + day + month is one date ("Friday 12 February", not "Friday 12"); the client's own
   date acknowledged ("I know Helen's parents arrive on 1 February") is not a new date; when a
   sentence states the completion date ("The new completion date is…"), the plan's step dates
   are not the new_date evidence (they stay signals).
3. The same message in Spanish (tú, usted, vos).
"""

from __future__ import annotations

import numpy as np
import pytest

from plazo.checktrain.train import Settings, decide
from plazo.core.check import engine
from plazo.core.check.engine import analyse, check, gate, rules_report
from plazo.core.check.learned import LABELS

OUTSIDER_EN = """Dear Helen and David,

I'm writing to let you know that your kitchen will not be finished on 29 January as planned. \
I know Helen's parents arrive on 1 February and that you wanted the kitchen ready for their stay.

The worktop supplier cut the quartz slab to the wrong size, so it has to be cut again. We now \
check every template with the supplier on site before it goes to cutting, so this will not \
happen again.

The new completion date is Friday 12 February. Plan: the new worktop is templated on 2 February, \
fitted on 9 February, and we do the splashback and final clean on 10-11 February. To make up for \
it, we will take 5% (700 EUR) off the final invoice.

Kind regards,
Lucía
"""

TWIN_TU = """Hola Elena y David:

Te escribo para avisarte de que la cocina no estará terminada el 29 de enero como estaba \
previsto. Sé que los padres de Elena llegan el 1 de febrero y que queríais tener la cocina lista \
para su visita.

El proveedor cortó la encimera de cuarzo a una medida equivocada, así que hay que cortarla de \
nuevo. A partir de ahora revisamos cada plantilla con el proveedor en obra antes de cortar, así \
que no volverá a pasar.

La nueva fecha de entrega es el viernes 12 de febrero. Plan: la nueva encimera se mide el 2 de \
febrero, se coloca el 9 de febrero y el 10 y 11 de febrero hacemos el frontal y la limpieza \
final. Para compensarlo, te descontamos un 5 % (700 EUR) de la factura final.

Un saludo,
Lucía
"""

TWIN_USTED = """Estimados señores Martín:

Les escribo para informarles de que su cocina no estará terminada el 29 de enero como estaba \
previsto. Sé que los padres de la señora Martín llegan el 1 de febrero y que ustedes querían \
tener la cocina lista para su estancia.

El proveedor cortó la encimera de cuarzo a una medida equivocada, por lo que hay que cortarla \
de nuevo. Desde ahora revisamos cada plantilla con el proveedor en obra antes del corte, así que \
esto no volverá a ocurrir.

La nueva fecha de finalización es el viernes 12 de febrero. Plan: la nueva encimera se mide el 2 \
de febrero, se instala el 9 de febrero y el 10 y 11 de febrero hacemos el frontal y la limpieza \
final. Para compensarles, les descontaremos un 5 % (700 EUR) de la factura final.

Atentamente,
Lucía
"""

TWIN_VOS = """Hola Elena y David:

Te escribo para contarte que la cocina no va a estar terminada el 29 de enero como habíamos \
quedado. Sé que los papás de Elena llegan el 1 de febrero y que querían tener la cocina lista \
para cuando vengan.

El proveedor cortó la mesada de cuarzo a una medida equivocada, así que hay que cortarla de \
nuevo. Desde ahora revisamos cada plantilla con el proveedor en obra antes de cortar, así que no \
va a volver a pasar.

La nueva fecha de entrega es el viernes 12 de febrero. Plan: la mesada nueva se mide el 2 de \
febrero, se coloca el 9 de febrero y el 10 y 11 de febrero hacemos el revestimiento y la limpieza \
final. Para compensarte, te descontamos un 5 % (700 EUR) de la factura final. Avisame si tenés \
dudas.

Saludos,
Lucía
"""

MESSAGES = [
    (OUTSIDER_EN, "en", "Friday 12 February"),
    (TWIN_TU, "es", "el viernes 12 de febrero"),
    (TWIN_USTED, "es", "el viernes 12 de febrero"),
    (TWIN_VOS, "es", "el viernes 12 de febrero"),
]


# 1. No apology without an apology expression ----------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "date"), MESSAGES)
def test_a_complete_notice_without_an_apology_does_not_pass(
    text: str, lang: str, date: str
) -> None:
    report = check(text, lang)
    assert not report.elements["apology"].present
    assert report.score < 100
    # everything else the notice has is still found
    for name in ("impact", "assurance", "new_date", "cause", "plan", "compensation"):
        assert report.elements[name].present, name


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            OUTSIDER_EN.replace("I'm writing to let you know", "I'm so sorry to tell you"),
            "en",
        ),
        (OUTSIDER_EN.replace("I'm writing to let you know that", "My apologies:"), "en"),
        (TWIN_TU.replace("Te escribo para avisarte de que", "Lo siento mucho:"), "es"),
        (
            TWIN_USTED.replace(
                "Les escribo para informarles de que", "Lamentamos informarles de que"
            ),
            "es",
        ),
        (TWIN_VOS.replace("Te escribo para contarte que", "Perdón, pero"), "es"),
    ],
)
def test_the_same_notice_with_an_apology_still_apologises(text: str, lang: str) -> None:
    assert check(text, lang).elements["apology"].present


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("hey so the course videos are gonna be late sry.", "en"),
        ("Your website translation will be three days late – lo siento mucho.", "en"),
        ("Ah Aoife, I'm mortified.", "en"),
        ("It's with a heavy heart that we're postponing the May festival.", "en"),
        ("I'm afraid your order will be late.", "en"),
        ("Paiseh Jason, the video is late.", "en"),
        ("Please forgive the delay.", "en"),
        ("Hola Andrés, pena contigo: el video sale el sábado.", "es"),
        ("Le escribo con mucha pena para decirle que la entrega se retrasa.", "es"),
        ("Nos sabe fatal haberte chafado el plan.", "es"),
        ("Me apena mucho el atraso de la maqueta.", "es"),
        ("Hola Caro, sorry, el DJ tuvo un problema.", "es"),
        ("Mala mía, se me pasó la fecha.", "es"),
        ("Le trasladamos nuestro más sincero pesar por ello.", "es"),
    ],
)
def test_explicit_apology_expressions(sentence: str, lang: str) -> None:
    assert analyse(sentence, lang).raw["apology_word"]


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("I'm writing to let you know that your kitchen will not be finished on 29 January.", "en"),
        ("Unfortunately the kitchen will be late.", "en"),
        ("Te escribo para avisarte de que la cocina no estará terminada.", "es"),
        ("Vale la pena esperar una semana más.", "es"),
        ("A pesar de la lluvia, la obra sigue.", "es"),
    ],
)
def test_no_apology_expression(sentence: str, lang: str) -> None:
    assert not analyse(sentence, lang).raw["apology_word"]


def test_gate_zeroes_apology_in_a_sentence_without_an_apology_expression() -> None:
    column = LABELS.index("apology")
    probabilities = np.full((3, len(LABELS)), 0.6)
    signals = [["!pos0"], ["!r:apology_word", "!pos1"], ["!r:apology", "!pos2"]]
    gated = gate(probabilities, signals, ("apology",))
    assert gated[:, column].tolist() == [0.0, 0.6, 0.6]
    # without the apology veto (a model trained without it) nothing changes
    assert gate(probabilities, signals, ())[:, column].tolist() == [0.6, 0.6, 0.6]


def test_the_second_stage_cannot_bring_back_an_apology_no_sentence_may_carry() -> None:
    column = LABELS.index("apology")
    settings = Settings()
    assert "apology" in settings.vetoes
    probabilities = np.full((2, len(LABELS)), 0.9)  # the second stage says yes for both
    top = np.full((2, len(LABELS)), 0.5)
    top[0, column] = 0.0  # no sentence of the first message may carry an apology
    present = decide(probabilities, np.full(len(LABELS), 0.5), settings, top=top)
    assert present[:, column].tolist() == [False, True]
    assert engine.unsaid(top, settings.vetoes)[:, column].tolist() == [True, False]
    assert not engine.unsaid(top, ()).any()


# 2. Dates -----------------------------------------------------------------------------------


def dates(text: str, lang: str) -> list[str]:
    analysis = analyse(text, lang)
    return [analysis.prepared.visible[s:e] for s, e in analysis.dates]


def new_dates(text: str, lang: str) -> list[str]:
    analysis = analyse(text, lang)
    return [analysis.prepared.visible[s:e] for s, e in analysis.new_dates]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The new completion date is Friday 12 February.", "Friday 12 February"),
        ("You'll have it on Friday, February 12.", "on Friday, February 12"),
        (
            "It will be ready on Friday the 12th of February, 2027.",
            "on Friday the 12th of February, 2027",
        ),
        ("We deliver on Friday 12 February 2027.", "on Friday 12 February 2027"),
        ("We'll ship Friday, February 12th, 2027 at the latest.", "Friday, February 12th, 2027"),
    ],
)
def test_weekday_day_and_month_are_one_date(text: str, date: str) -> None:
    assert dates(text, "en") == [date]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "I know Helen's parents arrive on 1 February and that you wanted the kitchen ready.",
            "en",
        ),
        ("As you know, the inspectors come on 3 March.", "en"),
        ("Sé que los padres de Elena llegan el 1 de febrero.", "es"),
        ("Como sabes, la feria empieza el 3 de marzo.", "es"),
    ],
)
def test_the_clients_own_date_acknowledged_is_not_a_new_date(text: str, lang: str) -> None:
    assert dates(text, lang)
    assert not new_dates(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "date"),
    [
        ("I know it's late, but we will deliver on 3 March.", "en", "3 March"),
        ("I understand the wait; the new date is 12 March.", "en", "12 March"),
        ("Once I know, it ships within a week.", "en", "within a week"),
        ("Sé que es tarde, pero lo entregaremos el 3 de marzo.", "es", "el 3 de marzo"),
    ],
)
def test_a_new_date_after_an_acknowledgement_stays(text: str, lang: str, date: str) -> None:
    assert new_dates(text, lang) == [date]


@pytest.mark.parametrize(("text", "lang", "date"), MESSAGES)
def test_the_stated_completion_date_is_the_evidence(text: str, lang: str, date: str) -> None:
    for report in (check(text, lang), rules_report(analyse(text, lang))):
        assert [span.text for span in report.elements["new_date"].evidence] == [date]
    # the plan's step dates stay the model's signals
    assert len(analyse(text, lang).new_dates) > 1


@pytest.mark.parametrize(
    ("text", "lang", "evidence"),
    [
        # no sentence states the completion: every new date is evidence, as before
        (
            "The worktop is templated on 2 February. We fit it on 9 February.",
            "en",
            ["2 February", "9 February"],
        ),
        # two sentences state a completion: both are kept
        (
            "The tiles' new date is 3 March. The kitchen will be finished on 10 March. "
            "The fitter comes on 5 March.",
            "en",
            ["3 March", "10 March"],
        ),
        (
            "Estará terminada el viernes 12 de febrero. La encimera se coloca el 9 de febrero.",
            "es",
            ["el viernes 12 de febrero"],
        ),
    ],
)
def test_completion_evidence_cases(text: str, lang: str, evidence: list[str]) -> None:
    found = rules_report(analyse(text, lang)).elements["new_date"].evidence
    assert [span.text for span in found] == evidence
