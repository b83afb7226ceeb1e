"""The owner alert says what the forecast stands on, in the organisation's language."""

from __future__ import annotations

from html import unescape

import pytest

from plazo.core.compose import ForecastBasis
from tests.core.compose.factories import (
    make_forecast,
    make_owner_alert,
)

ESTIMATES = ForecastBasis(
    model="sized",
    remaining_hours=84.5,
    remaining_items=14,
    unestimated_items=3,
    history_size=240,
    capacity_hours_per_week=30.0,
    growth_rate=0.25,
)
SENTENCES = {
    "en": "The forecast stands on 84.5 h of remaining estimates, 3 unestimated items sized from "
    "finished ones, expected growth of 25% of the known work, 30 h a week of capacity and a "
    "history of 240 finished tasks; model: sized.",
    "es": "La previsión se apoya en 84,5 h de estimaciones pendientes, 3 tareas sin estimación "
    "dimensionadas con las terminadas, un crecimiento esperado del 25\xa0% del trabajo conocido, "
    "30 h de capacidad a la semana y un historial de 240 tareas terminadas; modelo: por tamaño de "
    "tarea.",
}


def alert(language: str, basis: ForecastBasis | None) -> tuple[str, str]:
    message = make_owner_alert(language, forecast=make_forecast(basis=basis))
    return message.text, message.html


@pytest.mark.parametrize("language", list(SENTENCES))
def test_the_alert_states_the_forecasts_inputs_in_text_and_html(language: str) -> None:
    text, html = alert(language, ESTIMATES)
    assert SENTENCES[language] in text
    assert SENTENCES[language] in unescape(html)


@pytest.mark.parametrize("language", list(SENTENCES))
def test_an_alert_without_a_basis_reads_as_before(language: str) -> None:
    text, _ = alert(language, None)
    assert "model:" not in text
    assert "modelo:" not in text


def test_a_throughput_forecast_counts_items_in_the_alert() -> None:
    basis = ForecastBasis("throughput", 0.0, 40, 38, 25, capacity_hours_per_week=20.0)
    text, _ = alert("en", basis)
    assert (
        "The forecast counts 40 remaining items (38 without an estimate) at the team's pace of "
        "recent weeks, with 20 h a week of capacity, from 25 items completed; model: throughput."
    ) in text


def test_one_of_a_kind_is_singular_and_none_unestimated_is_left_out() -> None:
    basis = ForecastBasis("sized", 6.0, 1, 1, 1)
    text, _ = alert("es", basis)
    assert "1 tarea sin estimación dimensionada con las terminadas" in text
    assert "un historial de 1 tarea terminada;" in text
    text, _ = alert("en", basis)
    assert "1 unestimated item sized from finished ones" in text
    assert "a history of 1 finished task;" in text
    text, _ = alert("es", ForecastBasis("sized", 6.0, 2, 0, 30))
    assert "sin estimación" not in text
    assert "de estimaciones pendientes, ningún crecimiento medido" in text


def test_a_throughput_forecast_counts_one_item_in_the_singular() -> None:
    text, _ = alert("es", ForecastBasis("throughput", 0.0, 1, 1, 1))
    assert "La previsión cuenta 1 tarea pendiente (1 sin estimación)" in text
    assert "a partir de 1 tarea terminada; modelo: throughput." in text
