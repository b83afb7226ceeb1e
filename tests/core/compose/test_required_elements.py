"""Each kind says what the practice requires, in every language and register."""

from __future__ import annotations

import html
import re

import pytest

from tests.core.compose.factories import (
    SENT_AT,
    VARIANTS,
    make_delay_notice,
    make_delivered,
    make_forecast,
    make_offer,
    make_owner_alert,
    make_weekly_update,
)

# Per language: the words that carry each element of a delay notice in plazo's own wording.
NOTICE_ELEMENTS = {
    "es": {
        "apology": ("disculpas",),
        "impact": ("antes de la junta anual de accionistas", "20 de enero de 2027"),
        "assurance": ("Hemos identificado", "Para que no vuelva a ocurrir"),
        "new_date": ("La nueva fecha de entrega es el 12 de enero de 2027",),
        "cause": ("El retraso se debe a que",),
        "plan": ("1. Completar", "2. Incorporar", "3. Hacer"),
        "compensation": ("descuento de 1.200,00\xa0€",),
    },
    "en": {
        "apology": ("apologies",),
        "impact": ("before the annual shareholders' meeting", "January 20, 2027"),
        "assurance": ("identified the problem", "does not happen again"),
        "new_date": ("The new delivery date is January 12, 2027",),
        "cause": ("The delay happened because",),
        "plan": ("1. Complete", "2. Bring", "3. Run"),
        "compensation": ("discount of $1,200.00",),
    },
}


def visible_text(markup: str) -> str:
    """What a reader sees of an HTML body, roughly: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_delay_notice_has_all_seven_elements_in_text_and_html(language: str, register: str) -> None:
    message = make_delay_notice(language, register)
    for element, phrases in NOTICE_ELEMENTS[language].items():
        for phrase in phrases:
            assert phrase in message.text, (element, phrase)
            assert re.sub(r"^\d\. ", "", phrase) in visible_text(message.html), (element, phrase)


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_delay_notice_apologises_in_the_first_paragraph(language: str, register: str) -> None:
    message = make_delay_notice(language, register)
    first_paragraph = message.text.split("\n\n")[1]  # [0] is the greeting
    assert NOTICE_ELEMENTS[language]["apology"][0] in first_paragraph


@pytest.mark.parametrize("kind", ["discount", "credit", "extra"])
@pytest.mark.parametrize("language", ["es", "en"])
def test_every_offer_kind_names_its_amount(kind: str, language: str) -> None:
    offer = make_offer(language, kind=kind, description="")
    message = make_delay_notice(language, offer=offer)
    assert ("1.200,00\xa0€" if language == "es" else "$1,200.00") in message.text


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_weekly_update_has_progress_forecast_health_and_chart(language: str, register: str) -> None:
    message = make_weekly_update(language, register, forecast=make_forecast("on_track"))
    expected = {
        "es": [
            "70\xa0%",
            "15 de diciembre de 2026",
            "22 de diciembre de 2026",
            "8 de enero de 2027",
            "Vamos bien",
            "Catálogo de productos",
            "Pasarela de pago",
        ],
        "en": [
            "70%",
            "December 15, 2026",
            "December 22, 2026",
            "January 8, 2027",
            "on track",
            "Product catalogue",
            "Payment gateway",
        ],
    }[language]
    for phrase in expected:
        assert phrase in message.text
    (chart,) = message.attachments
    assert f'src="cid:{chart.content_id}"' in message.html


@pytest.mark.parametrize(
    ("health", "words"),
    [
        ("on_track", "seguimos en plazo"),
        ("at_risk", "Hay riesgo"),
        ("late", "no llegaremos"),
    ],
)
def test_weekly_update_puts_health_in_words_a_client_understands(health: str, words: str) -> None:
    message = make_weekly_update(forecast=make_forecast(health))
    assert words in message.text
    assert health not in message.text


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_delivered_thanks_lists_items_and_says_how_the_credit_applies(
    language: str, register: str
) -> None:
    message = make_delivered(language, register)
    thanks, credit = {
        "es": ("gracias", "se aplicará a"),
        "en": ("Thank you", "will be applied to your next project"),
    }[language]
    assert thanks in message.text
    assert "- Tienda publicada" in message.text
    assert credit in message.text


@pytest.mark.parametrize("language", ["es", "en"])
def test_owner_alert_says_why_and_links_the_draft(language: str) -> None:
    message = make_owner_alert(language)
    assert message.recipients == ("ana@estudionorte.es",)
    assert "https://plazo.example/delays/7/" in message.text
    assert ("31\xa0%" if language == "es" else "31%") in message.text
    assert message.header("Auto-Submitted") == "auto-generated"


@pytest.mark.parametrize(
    ("utc_hour", "greeting"),
    [
        (8, "Buenos días, Laura:"),
        (15, "Buenas tardes, Laura:"),
        (21, "Buenas noches, Laura:"),
    ],
)
def test_formal_spanish_greeting_follows_the_readers_clock(utc_hour: int, greeting: str) -> None:
    # Madrid: UTC+1 in winter
    message = make_weekly_update("es", "formal", sent_at=SENT_AT.replace(hour=utc_hour))
    assert message.text.startswith(greeting + "\n")
