"""Dates and money come out as each locale writes them, and no language leaks into the other."""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal

import pytest

from plazo.core.compose import compose_delay_notice, compose_delivered, compose_weekly_update
from plazo.core.compose.formats import Formats
from tests.core.compose.factories import (
    SENT_AT,
    VARIANTS,
    make_case,
    make_client,
    make_contacts,
    make_delay_notice,
    make_forecast,
    make_offer,
    make_organisation,
    make_project,
    make_updates,
)

ENGLISH_WORDS = {
    "the",
    "and",
    "of",
    "with",
    "update",
    "date",
    "forecast",
    "delay",
    "on",
    "track",
    "risk",
    "late",
    "done",
    "next",
    "scope",
    "promised",
    "dear",
    "regards",
    "hi",
}
SPANISH_WORDS = {
    "el",
    "la",
    "de",
    "que",
    "con",
    "por",
    "fecha",
    "entrega",
    "retraso",
    "previsión",
    "hecho",
    "estimada",
    "atentamente",
    "saludo",
    "hola",
    "actualización",
    "del",
}


def test_spanish_dates_and_euros() -> None:
    fmt = Formats.for_locale("es")
    assert fmt.date(date(2026, 12, 15)) == "15 de diciembre de 2026"
    assert fmt.money(Decimal("1200"), "EUR") == "1.200,00\xa0€"
    assert fmt.percent(0.62) == "62\xa0%"


def test_english_dates_and_dollars() -> None:
    fmt = Formats.for_locale("en")
    assert fmt.date(date(2026, 12, 15)) == "December 15, 2026"
    assert fmt.money(Decimal("1200"), "USD") == "$1,200.00"
    assert fmt.short_date(date(2026, 12, 15)) == "Dec 15"


def test_a_client_locale_changes_the_format_not_the_words() -> None:
    client = make_client("en", locale="en_GB")
    message = make_delay_notice("en", client=client, offer=make_offer("en", currency="GBP"))
    assert "12 January 2027" in message.text
    assert "£1,200.00" in message.text


def _words(text: str) -> set[str]:
    # Leave out what the inputs themselves bring (names of people, project and client).
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _all_messages(language: str, register: str) -> list[str]:
    common = (
        make_organisation(),
        make_client(language, register),
        make_contacts(language),
        make_project(language),
    )
    weekly = compose_weekly_update(
        *common, make_forecast(), make_updates(language), sent_at=SENT_AT
    )
    notice = compose_delay_notice(
        *common, make_case(language), make_offer(language), sent_at=SENT_AT, sequence=1
    )
    delivered = compose_delivered(
        *common,
        ["x"],
        make_offer(language, kind="extra"),
        delivered_on=date(2027, 1, 11),
        sent_at=SENT_AT,
    )
    bodies = [m.subject + "\n" + m.text for m in (weekly, notice, delivered)]
    return bodies + [_visible_html(m.html) for m in (weekly, notice, delivered)]


def _visible_html(markup: str) -> str:
    body = markup[markup.index("<body") :]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_no_words_from_the_other_language(language: str, register: str) -> None:
    foreign = ENGLISH_WORDS if language == "es" else SPANISH_WORDS
    for text in _all_messages(language, register):
        assert _words(text) & foreign == set()
