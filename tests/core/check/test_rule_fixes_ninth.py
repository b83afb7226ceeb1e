"""Ninth-pass rule fixes (issue 13), at the rules' level, by the labelling guide's definitions.

1. Spanish "ya" vetoes compensation only as the past marker ("ya le hicimos el descuento"), not as
   a discourse particle ("ya tú sabes, sin costo"), "ya que", "ya mismo", "now" after an
   infinitive, nor across a comma ("como ya le dijimos, le abonaremos el envío").
2. A date that is not when the work will be done is not a new date: a header or sign-off line,
   the date of an update, a call or news, a past event. The completion date next to it still is.
3. Precise misses read on the proxy: an apology for the wait is not "sorry for the long email"
   ("sorry for the long wait", "sorry for the interruption", "we want to say sorry"); an apology
   for something else or refused is not one ("sorry for the radio silence", "sorry you feel that
   way", "no le voy a pedir disculpas", "perdona que no te haya escrito"); "shortly after <event>"
   and an ASAP asked of the client are not vague; "vamos a devolverte" is compensation.
"""

from __future__ import annotations

import pytest

from tests.core.check.rule_probes import new_dates, rule_has, rule_says

# 1. "ya" ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pásame la dirección completa y te lo vuelvo a mandar, ya tú sabes, sin costo.",
        "Ya sabe usted que el montaje va sin coste para usted.",
        "Ya verás: te lo cambiamos gratis.",
        "Ya que el error fue nuestro, no te cobramos el envío.",
        "Le proponemos instalar ya esos cuatro y prestarle sin coste cuatro equipos.",
        "Como ya le dijimos, le abonaremos el envío.",
        "Además del cambio sin costo que ya usó, le reembolsaremos la noche de hotel.",
    ],
)
def test_ya_as_a_particle_does_not_veto_compensation(text: str) -> None:
    assert rule_has(text, "compensation", "es")


@pytest.mark.parametrize(
    "text",
    [
        "Ya te hicimos el reembolso completo.",
        "Ya le aplicamos un descuento del 10 % en la factura anterior.",
        "El presupuesto ya contemplaba un descuento por volumen.",
        "Ayer ya te devolvimos el importe.",
    ],
)
def test_ya_as_the_past_marker_still_vetoes_compensation(text: str) -> None:
    assert not rule_has(text, "compensation", "es")


# 2. Dates of something else -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Sent: Monday, 16 October 2023 10:14", "en"),
        ("London, 16 October 2024\n\nDear Ana,", "en"),
        ("We'll update you on 16 October.", "en"),
        ("I'll call you Friday to talk it through.", "en"),
        ("Next update: Friday.", "en"),
        ("We'll know more on Monday.", "en"),
        ("On 2 May the supplier told us the steel was short.", "en"),
        ("The supplier told us on 2 May that the steel was short.", "en"),
        ("Madrid, 3 de marzo de 2025\n\nHola Ana:", "es"),
        ("Fecha: lunes, 3 de marzo", "es"),
        ("Te llamamos el lunes para contarte cómo va.", "es"),
        ("El jueves te confirmo la hora.", "es"),
        ("Próxima actualización: el viernes.", "es"),
        ("El 2 de mayo el proveedor nos dijo que faltaba acero.", "es"),
    ],
)
def test_a_date_of_something_else_is_not_a_new_date(text: str, lang: str) -> None:
    assert new_dates(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "date"),
    [
        (
            "London, 16 October 2024\n\nThe kitchen will be fitted on 20 October.",
            "en",
            "20 october",
        ),
        ("We'll update you on Monday and deliver on 12 June.", "en", "12 june"),
        ("The supplier told us on 2 May that it will ship on 9 May.", "en", "9 may"),
        ("We'll call you Friday to book the fitter, who will come on Tuesday.", "en", "on tuesday"),
        ("Madrid, 3 de marzo\n\nLa cocina estará el 20 de marzo.", "es", "el 20 de marzo"),
        ("Te llamamos mañana. Lo tendrás el 12 de mayo.", "es", "el 12 de mayo"),
        ("El jueves te confirmo la hora; lo entregamos el viernes.", "es", "el viernes"),
        ("Hola Ana, el lunes lo tienes.", "es", "el lunes"),
    ],
)
def test_the_completion_date_next_to_them_stays_a_new_date(text: str, lang: str, date: str) -> None:
    assert date in new_dates(text, lang)


# 3. Precise misses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Sorry for the long wait on your sectional.", "en", "apology"),
        ("Sorry for the interruption.", "en", "apology"),
        ("We are sorry for the length of time you have had to wait.", "en", "apology"),
        ("We want to say sorry to every student whose exam was delayed.", "en", "apology"),
        ("Your units will be about two weeks later than we said — sorry.", "en", "apology"),
        ("Además, vamos a devolverte las comisiones de todos los cobros.", "es", "compensation"),
    ],
)
def test_found_where_a_guard_overreached(text: str, lang: str, name: str) -> None:
    assert rule_says(text, name, lang)


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Hi Josh, sorry for the radio silence.", "en", "apology"),
        ("Apologies for answering so late.", "en", "apology"),
        ("Hi Hannah, so sorry to message on a Sunday.", "en", "apology"),
        ("First, sorry for the group e-mail.", "en", "apology"),
        ("Sorry you feel that way.", "en", "apology"),
        ("Gerardo, no le voy a pedir disculpas por este retraso.", "es", "apology"),
        ("No es por excusarme, pero el glosario llegó el jueves.", "es", "apology"),
        ("Disculpá la demora en contestar, estamos a full.", "es", "apology"),
        ("Te pido disculpas por no haber contestado antes a tus mensajes.", "es", "apology"),
        ("Perdona que no te haya escrito antes, Juan.", "es", "apology"),
        ("Sofía, perdoná que te haya tenido semanas sin respuesta.", "es", "apology"),
        ("Le pido disculpas por insistir: sin los saldos no podemos seguir.", "es", "apology"),
        ("Lamento que lo vean así, pero no voy a aceptarlo.", "es", "apology"),
        ("Lamentamos no poder devolverle el importe de la clase.", "es", "apology"),
        ("The show was called off shortly after doors opened.", "en", "vague_timing"),
        ("Please let me know as soon as possible when you can be home.", "en", "vague_timing"),
        ("Les rogamos que regularicen su situación cuanto antes.", "es", "vague_timing"),
        ("Le solicitamos firmar y devolver el anexo a la brevedad.", "es", "vague_timing"),
        ("Así que tráelo, cuanto antes mejor.", "es", "vague_timing"),
    ],
)
def test_not_found_in_another_sense(text: str, lang: str, name: str) -> None:
    assert not rule_says(text, name, lang)


@pytest.mark.parametrize(
    ("text", "lang", "name", "present"),
    [
        ("Sorry for the long email.", "en", "apology", False),
        ("Sorry to interrupt your weekend.", "en", "apology", False),
        ("The courier said sorry.", "en", "apology", False),
        ("Lamentamos no poder entregarlo a tiempo.", "es", "apology", True),
        ("Le pido disculpas por el retraso.", "es", "apology", True),
        ("We'll send it shortly.", "en", "vague_timing", True),
        ("Lo terminaremos cuanto antes.", "es", "vague_timing", True),
        ("Sorry for the silence and for the delay.", "en", "apology", True),
        ("Lamentamos no poder adelantarla.", "es", "apology", True),
        (
            "Le rogamos que lo corrija para que podamos enviarlo lo antes posible.",
            "es",
            "vague_timing",
            True,
        ),
    ],
)
def test_guards_stay(text: str, lang: str, name: str, present: bool) -> None:
    assert rule_says(text, name, lang) is present
