"""Warnings: vague timing, blaming the client, and no date."""

from __future__ import annotations

import pytest

from tests.core.check.helpers import has, warns


@pytest.mark.parametrize(
    "text",
    [
        "We'll deliver it as soon as possible.",
        "You'll have it shortly.",
        "Te lo enviamos a la brevedad.",
        "Lo terminaremos lo antes posible.",
        "La fabricación queda parada hasta nuevo aviso.",
    ],
)
def test_vague_timing_alone_is_flagged(text: str) -> None:
    assert warns(text, "vague_timing")


def test_soon_next_to_a_concrete_date_is_not_vague() -> None:
    assert not warns("It ships soon: you'll have it on Monday the 3rd.", "vague_timing", "en")


@pytest.mark.parametrize(
    "text",
    [
        "The delay is because you didn't send the photos on time.",
        "Your team took three weeks to approve the design.",
        "El retraso es porque ustedes no pagaron el anticipo.",
        "Como no nos mandaste los textos a tiempo, no pudimos publicar.",
        "Es culpa suya que la obra esté parada.",
    ],
)
def test_blaming_the_client_is_flagged(text: str) -> None:
    assert warns(text, "blames_client")


def test_saying_it_is_not_the_clients_fault_is_not_blame() -> None:
    assert not warns("This is not your fault; we got the estimate wrong.", "blames_client", "en")
    assert not warns("No es culpa suya: calculamos mal el plazo.", "blames_client", "es")


@pytest.mark.parametrize(
    "text",
    [
        "We can't commit to a date yet.",
        "Honestly, we don't know when it will be ready.",
        "No podemos comprometer una fecha todavía.",
        "No sabemos cuándo llegará el material.",
    ],
)
def test_no_date_is_flagged(text: str) -> None:
    assert warns(text, "unknown_date")


def test_no_podemos_comprometer_una_fecha_is_unknown_date_not_new_date() -> None:
    text = "No podemos comprometer una fecha."
    assert warns(text, "unknown_date", "es")
    assert not has(text, "new_date", "es")


def test_unknown_date_inside_a_quote_does_not_count() -> None:
    text = '"We don\'t know when the park will reopen," the council said. Sorry.'
    assert not warns(text, "unknown_date", "en")


def test_a_client_side_event_the_sender_owns_is_not_blame() -> None:
    text = (
        "The measurements reached us late because your surveyor was ill, but we should have "
        "warned you; that's on us."
    )
    assert not warns(text, "blames_client", "en")
    assert has(text, "cause", "en")


def test_vague_phrase_quoted_from_the_client_is_not_vague_timing() -> None:
    assert not warns("You asked for it 'ASAP', and that is fair.", "vague_timing", "en")


def test_too_early_for_a_date_is_unknown_date_and_not_vague() -> None:
    assert warns("It's too early to give you a date.", "unknown_date", "en")
    assert warns("Es pronto para darte una fecha.", "unknown_date", "es")
    assert not warns("Es pronto para darte una fecha.", "vague_timing", "es")
