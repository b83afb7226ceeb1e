"""A person's words quoted mid-sentence agree with plazo's: "del", "al", no stray capital."""

from __future__ import annotations

import re

import pytest

from plazo.core.compose.splicing import contract_articles, mid_sentence
from tests.core.compose.factories import (
    make_case,
    make_delay_notice,
    make_project,
)


def _notice(language: str, register: str = "informal", **case: str) -> tuple[str, str]:
    project = make_project(language, stake=case.pop("stake")) if "stake" in case else None
    message = make_delay_notice(
        language,
        register,
        project=project or make_project(language),
        case=make_case(language, **case),
    )
    return message.text, message.html


@pytest.mark.parametrize("register", ["formal", "informal"])
def test_a_stake_starting_with_el_contracts_after_de(register: str) -> None:
    for body in _notice("es", register, stake="el cierre de pedidos de Navidad"):
        assert "antes del cierre de pedidos de Navidad" in body
        assert re.search(r"\b(de|a) el\b", body) is None


def test_a_partial_delivery_starting_with_el_contracts_after_a() -> None:
    assert contract_articles("llegaremos a el cierre") == "llegaremos al cierre"
    assert contract_articles("A el cliente") == "Al cliente"
    assert contract_articles("De el cierre") == "Del cierre"


@pytest.mark.parametrize(
    "text",
    [
        "la tienda de El Corte Inglés",  # a proper name keeps its article
        "se lo diremos a él",  # the pronoun never contracts
        "desde el lunes, para el cierre",  # "de"/"a" only as whole words
        "la web de ella",
    ],
)
def test_contractions_leave_other_words_alone(text: str) -> None:
    assert contract_articles(text) == text


def test_english_keeps_its_words_as_typed() -> None:
    text, _ = _notice("en", stake="the el dorado launch")
    assert "before the el dorado launch" in text


@pytest.mark.parametrize(
    ("typed", "quoted"),
    [
        ("Revisaré contigo el calendario", "revisaré contigo el calendario"),
        ("Nos faltaron los textos", "nos faltaron los textos"),
        ("Ésta es la causa", "ésta es la causa"),
        ("We will review the plan", "we will review the plan"),
        ("API limits were lower", "API limits were lower"),
        ("iPhone tests failed", "iPhone tests failed"),
        ("McDonald's feed changed", "McDonald's feed changed"),
        ("I will check it", "I will check it"),
        ("I'll check it", "I'll check it"),
        ("3 pages were missing", "3 pages were missing"),
        ("", ""),
    ],
)
def test_mid_sentence_lowers_only_an_ordinary_capitalised_first_word(
    typed: str, quoted: str
) -> None:
    assert mid_sentence(typed) == quoted


@pytest.mark.parametrize("register", ["formal", "informal"])
def test_spanish_facts_typed_with_a_capital_read_mid_sentence(register: str) -> None:
    text, html = _notice(
        "es",
        register,
        cause="La pasarela exigió una certificación nueva",
        identified="Faltaba un requisito del proveedor",
        prevention="Revisaré contigo los requisitos antes de cada fecha.",
    )
    for body in (text, html):
        assert "El retraso se debe a que la pasarela exigió una certificación nueva." in body
        assert "Hemos identificado el problema: faltaba un requisito del proveedor." in body
        assert "Para que no vuelva a ocurrir, revisaré contigo los requisitos" in body


def test_english_facts_typed_with_a_capital_read_mid_sentence() -> None:
    text, _ = _notice(
        "en",
        "formal",
        cause="The gateway needed a new certification",
        prevention="We will review every provider's requirements",
    )
    assert "The delay happened because the gateway needed a new certification." in text
    assert "To make sure it does not happen again, we will review every provider" in text
