"""Eighth-pass rule fixes (issue 13), at the rules' level, by the labelling guide's definitions.

1. "as soon as <an external event>" / "tan pronto como <evento>" is finish-when-X: neither
   warning; "as soon as they can" / "as soon as it's ready" (no event) stays vague.
2. Compensation phrased with a negation is given ("no te lo cobramos", "no charge for the
   re-template", "without a change fee"); a charge put off or the option to cancel is not.
3. A vague horizon ("sometime next month", "after Christmas", "para fin de año", "early 2022") is
   vague timing, and a date inside it is not a concrete new date.
"""

from __future__ import annotations

import pytest

from tests.core.check.rule_probes import new_dates, rule_has, rule_warns

# 1. Finish-when-X ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("We'll ship it as soon as the part arrives.", "en"),
        ("We'll send it as soon as customs release it.", "en"),
        ("The engineers will fit it as soon as it arrives.", "en"),
        ("I'll ship soon as they're in and finished.", "en"),
        ("Lo enviamos tan pronto como llegue la pieza.", "es"),
        ("Le daremos la fecha tan pronto tengamos el material en planta.", "es"),
        ("Se lo instalamos en cuanto llegue la pieza.", "es"),
    ],
)
def test_finish_when_an_external_event_is_not_vague(text: str, lang: str) -> None:
    assert not rule_warns(text, "vague_timing", lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("We'll fix it as soon as possible.", "en"),
        ("We'll do it as soon as we can.", "en"),
        ("The supplier will ship as soon as they can.", "en"),
        ("We'll ship as soon as it's ready.", "en"),
        ("It will be ready soon.", "en"),
        ("Lo enviamos tan pronto como podamos.", "es"),
        ("Lo enviamos tan pronto podamos.", "es"),
        ("La constructora empezará en cuanto puedan.", "es"),
        ("Lo tendrás pronto.", "es"),
    ],
)
def test_finish_when_able_or_ready_stays_vague(text: str, lang: str) -> None:
    assert rule_warns(text, "vague_timing", lang)


# 2. Compensation phrased with a negation -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("El transporte de ida y vuelta no te lo cobramos.", "es"),
        ("La visita de hoy, que no pudimos hacer, no se la cobramos.", "es"),
        ("Las horas extra de esa etapa no se las vamos a facturar.", "es"),
        ("El cargo por entrega en domingo no se le cobrará.", "es"),
        ("Te enviamos las bicis con el grupo superior sin ningún sobrecoste.", "es"),
        ("Puede cambiar su fecha sin penalidad.", "es"),
        ("Le aplicaremos la tarifa ordinaria, sin el recargo del EMS.", "es"),
        ("We'll replace it free of charge.", "en"),
        ("We'll send the transparent one free of charge when it's back.", "en"),
        ("There's no service call charge for this visit.", "en"),
        ("There will be no fee for the redesign.", "en"),
        ("You can move your trip to another day without a change fee.", "en"),
        ("Items due back while the system is down will not attract fines.", "en"),
    ],
)
def test_an_offer_phrased_with_a_negation_is_compensation(text: str, lang: str) -> None:
    assert rule_has(text, "compensation", lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Los tomos retrasados no se os cobran hasta que salgan.", "es"),
        ("La cuota de ese mes no se cobra ahora y pasa a diciembre.", "es"),
        ("Podéis cancelarlas sin coste si lo preferís.", "es"),
        ("Puede rescindir el contrato sin penalidad.", "es"),
        ("If you'd rather cancel it, then no fee applies.", "en"),
        ("That's on us, sorry.", "en"),
        ("No podemos ofrecerle ningún descuento.", "es"),
        ("Unfortunately we can't offer a discount.", "en"),
    ],
)
def test_deferral_cancellation_and_refusal_are_not_compensation(text: str, lang: str) -> None:
    assert not rule_has(text, "compensation", lang)


# 3. Vague horizons ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Group 1 starts shipping early in 2022.", "en"),
        ("Construction should follow later in the year.", "en"),
        ("We'll ship sometime next month.", "en"),
        ("We'll ship next week sometime.", "en"),
        ("We'll ship after Christmas.", "en"),
        ("Lo tendremos a principios de 2027.", "es"),
        ("Lo tendremos para fin de año.", "es"),
        ("La semana que viene o la otra los tenemos.", "es"),
    ],
)
def test_a_vague_horizon_is_vague_timing_and_not_a_new_date(text: str, lang: str) -> None:
    assert rule_warns(text, "vague_timing", lang)
    assert new_dates(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "date"),
    [
        ("We'll ship early next week.", "en", "next week"),
        ("We'll ship before Christmas.", "en", "before christmas"),
        ("Lo tendremos a finales de marzo.", "es", "a finales de marzo"),
        ("Lo tendremos la semana que viene.", "es", "la semana que viene"),
    ],
)
def test_concrete_dates_next_to_the_horizons_stay_new_dates(
    text: str, lang: str, date: str
) -> None:
    assert new_dates(text, lang) == [date]
    assert not rule_warns(text, "vague_timing", lang)


def test_a_concrete_date_elsewhere_still_withdraws_a_vague_horizon() -> None:
    text = "The second batch follows later this year; the first ships on Monday 3 March."
    assert not rule_warns(text, "vague_timing", "en")


def test_pronto_before_an_accent_folded_como_is_still_vague() -> None:
    # "cómo" folds to "como": "pronto cómo seguimos" is a vague update promise
    assert rule_warns("Os contaremos pronto cómo seguimos.", "vague_timing", "es")
