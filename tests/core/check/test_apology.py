"""Apologies: first person, for the delay, not quoted, not for something else."""

from __future__ import annotations

import pytest

from tests.core.check.helpers import has


@pytest.mark.parametrize(
    "text",
    [
        "We're really sorry: the website will not be ready on Friday.",
        "Please accept our apologies for the delay with your kitchen.",
        "I apologise for missing the deadline on the report.",
        "Lo sentimos mucho, el pedido llegará tarde.",
        "Le pido disculpas por el retraso en la entrega.",
        "Perdona el retraso con los planos, de verdad.",
        "Disculpen la demora con la instalación.",
        "Les pedimos perdon por el retraso",
        "Quería disculparme por el retraso con las ilustraciones.",
    ],
)
def test_apology_is_found_in_both_languages(text: str) -> None:
    assert has(text, "apology")


def test_apology_inside_a_quote_does_not_count() -> None:
    text = 'The courier wrote "we are sorry, the van broke down" and the parcel is late.'
    assert not has(text, "apology", "en")


def test_apology_inside_a_spanish_quote_does_not_count() -> None:
    text = "El transportista nos dijo: «lo sentimos, el camión se averió». El pedido llega tarde."
    assert not has(text, "apology", "es")


def test_apology_for_a_long_email_is_not_an_apology_for_the_delay() -> None:
    assert not has("Sorry for the long email. The report will be late.", "apology", "en")


def test_apology_for_writing_late_is_not_an_apology_for_the_delay() -> None:
    text = "Perdón por escribirte tan tarde. El informe va con retraso."
    assert not has(text, "apology", "es")


def test_sorry_to_bother_you_is_not_an_apology() -> None:
    assert not has("Sorry to bother you on a Sunday. The app is delayed.", "apology", "en")


def test_accents_are_optional() -> None:
    assert has("Le pedimos disculpas, la reforma no estara lista.", "apology", "es")
    assert has("Le pedimos perdón, la reforma no estará lista.", "apology", "es")
