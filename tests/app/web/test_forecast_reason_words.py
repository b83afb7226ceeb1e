"""The forecast's 'which model and why' line is in the reader's language, not the stored English."""

from __future__ import annotations

import itertools

import pytest
from django.utils import translation

from plazo.core.forecast import FORECAST_MODES, choose_model
from plazo.web.forecast_reasons import model_reason_text
from tests.app.factories import make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast

pytestmark = pytest.mark.django_db

ENGLISH_WORDS = ("chosen by itself", "as the project is set", "remaining items", "recent weeks")


def _every_reason() -> list[tuple[str, str]]:
    """Each sentence the chooser can write, with the model it chose."""
    found = {}
    for setting, estimated, unestimated, known in itertools.product(
        FORECAST_MODES, (0, 1, 3), (0, 1, 3), (True, False)
    ):
        choice = choose_model(
            setting,
            estimated_items=estimated,
            unestimated_items=unestimated,
            throughput_known=known,
        )
        found[choice.why] = choice.mode
    return sorted(found.items())


def test_every_reason_the_chooser_writes_is_read_back_in_spanish() -> None:
    reasons = _every_reason()
    assert len({why.split(":")[0].split("(")[0] for why, _ in reasons}) == 5  # every branch
    with translation.override("es"):
        for why, mode in reasons:
            spanish = model_reason_text(why, mode)
            assert spanish != why
            assert not any(words in spanish for words in ENGLISH_WORDS), spanish
            numbers = [word for word in why.replace("(", " ").split() if word.isdigit()]
            if numbers[-1] == "0":  # none remains: said in words, never "0 de 0"
                numbers = []
            assert [w for w in spanish.replace("(", " ").split() if w.isdigit()] == numbers


def test_in_english_the_reason_reads_as_the_chooser_wrote_it() -> None:
    """The stored sentence counts in the plural; for two items or more it is the page's too."""
    with translation.override("en"):
        for why, mode in _every_reason():
            if " of 0 " not in why and " of 1 " not in why:
                assert model_reason_text(why, mode) == why


@pytest.mark.parametrize(
    ("language", "stored", "says", "never"),
    [
        (
            "en",
            "estimates, chosen by itself: 1 of 1 remaining items have estimates",
            "estimates, chosen by itself: 1 of 1 remaining item has an estimate",
            "1 remaining items",
        ),
        (
            "es",
            "estimates, chosen by itself: 1 of 1 remaining items have estimates",
            "estimaciones, elegido automáticamente: 1 de 1 tarea pendiente tiene estimación",
            "1 tareas",
        ),
        (
            "en",
            "estimates, as the project is set (0 of 0 remaining items have estimates)",
            "estimates, as the project is set (no item remains)",
            "0 of 0",
        ),
        (
            "es",
            "throughput, as the project is set: 0 of 0 remaining items have estimates",
            "throughput, según la configuración del proyecto: no queda ninguna tarea pendiente",
            "0 de 0",
        ),
    ],
)
def test_one_remaining_item_is_singular_and_none_is_said_plainly(
    language: str, stored: str, says: str, never: str
) -> None:
    with translation.override(language):
        text = model_reason_text(stored, "sized")
    assert text == says
    assert never not in text


def test_a_reason_it_does_not_know_is_shown_as_stored_and_none_shows_the_model() -> None:
    with translation.override("es"):
        assert model_reason_text("a reason from another version", "sized") == (
            "a reason from another version"
        )
        assert model_reason_text("", "sized") == "sized"


def test_the_project_page_states_the_model_and_why_in_spanish() -> None:
    org = make_org()
    project = make_project(org)
    make_forecast(
        project,
        model="throughput",
        model_reason="throughput, chosen by itself: 1 of 10 remaining items have estimates",
        remaining_items=10,
        unestimated_items=9,
        history_size=14,
    )
    browser, _ = browser_for(org)
    page = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert (
        "Throughput, elegido automáticamente: 1 de 10 tareas pendientes tienen estimación" in page
    )
    assert "10 tareas pendientes contadas (9 sin estimación)" in page
    assert "; modelo throughput." in page
    assert "chosen by itself" not in page
    assert "remaining items counted" not in page


def test_the_project_page_counts_one_item_in_the_singular_and_names_the_model_in_spanish() -> None:
    org = make_org()
    project = make_project(org)
    make_forecast(
        project,
        model="sized",
        model_reason="estimates, chosen by itself: 1 of 2 remaining items have estimates",
        remaining_items=2,
        unestimated_items=1,
        history_size=1,
    )
    browser, _ = browser_for(org)
    page = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "1 tarea sin estimación dimensionada con las terminadas" in page
    assert "un historial de 1 tarea terminada" in page
    assert "1 tareas" not in page
    assert "; modelo por tamaño de tarea." in page
    assert "modelo sized" not in page
    english = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 unestimated item sized from finished ones, a history of 1 finished task" in english
    assert "; model sized." in english


def test_a_forecast_with_every_item_estimated_does_not_count_zero_unestimated() -> None:
    org = make_org()
    project = make_project(org)
    make_forecast(project, remaining_items=3, unestimated_items=0, history_size=20)
    browser, _ = browser_for(org)
    page = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "sin estimación dimensionada" not in page
    assert " 0 tareas" not in page
