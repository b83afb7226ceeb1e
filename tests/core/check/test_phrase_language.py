"""The language of a short fact the owner typed: told both ways, never for names or numbers."""

from __future__ import annotations

import pytest

from plazo.core.check.phrase_language import phrase_language


@pytest.mark.parametrize(
    "text",
    [
        "the payment gateway integration took longer than we estimated",
        "the catalogue online with orders by WhatsApp",
        "Finish the Stripe integration",
        "we will review every integration in week one",
        "two people on the integration",
        "content migration in parallel",
        "The supplier changed their API halfway through",
    ],
)
def test_short_english_facts_read_as_english(text: str) -> None:
    assert phrase_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "la pasarela de pago tardó más de lo previsto",
        "el catálogo en línea con pedidos por WhatsApp",
        "Terminar la integración con Stripe",
        "validaremos cada integración externa",
        "dos personas en la integración",
        "Envíos a todo México",
        "la junta anual de accionistas",
    ],
)
def test_short_spanish_facts_read_as_spanish(text: str) -> None:
    assert phrase_language(text) == "es"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Stripe",
        "WhatsApp",
        "1200",
        "23/12/2026 10:00",
        "Mariana López",
        "Jane Hughes",
        "El Corte Inglés",
        "Stripe Checkout",
        "WhatsApp Business",
        "QA",
        "integración",
        "integration",
    ],
)
def test_names_numbers_and_single_words_have_no_language(text: str) -> None:
    assert phrase_language(text) is None


def test_a_phrase_as_much_one_language_as_the_other_has_none() -> None:
    assert phrase_language("la integración with the gateway") is None
