"""Ninth-pass rule fixes (issue 13), at the rules' level, by the labelling guide's definitions.

1. Spanish "ya" vetoes compensation only as the past marker ("ya le hicimos el descuento"), not as
   a discourse particle ("ya tú sabes, sin costo"), "ya que", "ya mismo", "now" after an
   infinitive, nor across a comma ("como ya le dijimos, le abonaremos el envío").
2. A date that is not when the work will be done is not a new date: a header or sign-off line,
   the date of an update, a call or news, a past event. The completion date next to it still is.
"""

from __future__ import annotations

import pytest

from plazo.core.check.engine import analyse, rules_report


def rule_has(text: str, element: str, lang: str) -> bool:
    return rules_report(analyse(text, lang)).elements[element].present


def new_dates(text: str, lang: str) -> list[str]:
    analysis = analyse(text, lang)
    return [analysis.prepared.folded[s:e] for s, e in analysis.new_dates]


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
        ("London, 16 October 2024\n\nThe kitchen will be fitted on 20 October.", "en", "20 october"),
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
